package games.analytics.ingest.web;

import games.analytics.ingest.job.IngestMode;
import games.analytics.ingest.job.IngestionView;
import games.analytics.ingest.job.Schedule;
import games.analytics.ingest.job.ScheduleView;
import games.analytics.ingest.job.SchedulesPage;
import games.analytics.ingest.run.IngestConfig;
import games.analytics.ingest.run.IngestionJobs;
import games.analytics.ingest.run.Scheduler;
import games.analytics.ingest.source.Links;
import games.analytics.ingest.source.RejectedUrlException;
import games.analytics.ingest.source.UrlPolicy;
import games.analytics.ingest.store.ScheduleStore;
import games.analytics.problem.ApiProblem;
import games.analytics.security.Roles;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/** Links fetched on a schedule: each run is an ifChanged ingestion, queued behind other jobs. Stored in ClickHouse. */
@Controller("/api/v1/schedules")
@Secured({Roles.INGEST, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class ScheduleController {

    /** A year and a day: every schedule runs at least yearly, and its times stay in four-digit years. */
    static final Duration MAX_EVERY = Duration.ofDays(366);

    private final ScheduleStore schedules;
    private final Scheduler scheduler;
    private final IngestionJobs jobs;
    private final UrlPolicy policy;
    private final IngestConfig config;
    private final Duration minEvery;

    ScheduleController(ScheduleStore schedules, Scheduler scheduler, IngestionJobs jobs, UrlPolicy policy, IngestConfig config,
                       @Value("${ingest.schedule-min-every:1m}") Duration minEvery) {
        this.schedules = schedules;
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.policy = policy;
        this.config = config;
        this.minEvery = minEvery;
    }

    /** A new schedule; its first run is due at once (the next tick), then every {@code every}. 201 with its Location. */
    @Post
    @Operation(operationId = "createSchedule")
    @ApiResponse(responseCode = "201", description = "the schedule; Location names it", content = @Content(schema = @Schema(implementation = ScheduleView.class)))
    @ApiResponse(responseCode = "400", description = "a bad url, every, mode or ratio, named in the problem")
    HttpResponse<ScheduleView> create(@Valid @Body ScheduleRequest request) {
        URI url;
        try {
            url = policy.accept(request.url());
        } catch (RejectedUrlException e) {
            throw ApiProblem.badParameter("Invalid url", e.getMessage(), "url");
        }
        Duration every;
        try {
            every = Schedule.parseEvery(request.every());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badParameter("Invalid every", e.getMessage(), "every");
        }
        if (every.compareTo(MAX_EVERY) > 0) {
            throw ApiProblem.badParameter("Invalid every", "every must be at most 366d, got " + request.every(), "every");
        }
        if (every.compareTo(minEvery) < 0) {
            throw ApiProblem.badParameter("Invalid every", "every must be at least " + Schedule.format(minEvery) + ", got " + request.every(),
                    "every");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        IngestMode mode = request.mode() == null ? IngestMode.replace : IngestMode.valueOf(request.mode().strip().toLowerCase(Locale.ROOT));
        Schedule schedule = new Schedule(UUID.randomUUID().toString(), url, every, mode,
                request.maxRejectRatio() == null ? config.maxRejectRatio() : request.maxRejectRatio(), now, now, null);
        schedules.save(schedule);
        return HttpResponse.<ScheduleView>status(HttpStatus.CREATED)
                .headers(h -> h.location(URI.create("/api/v1/schedules/" + schedule.id()))).body(schedule.view(Links::redact));
    }

    /** Schedules, newest first, a page at a time. */
    @Get
    @Operation(operationId = "listSchedules")
    @ApiResponse(responseCode = "200", description = "a page of schedules", content = @Content(schema = @Schema(implementation = SchedulesPage.class)))
    @ApiResponse(responseCode = "400", description = "a bad limit or cursor")
    SchedulesPage list(@Parameter(description = Paging.LIMIT_WORDS, schema = @Schema(minimum = "1", maximum = "1000")) @Nullable @QueryValue Integer limit,
                       @Parameter(description = Paging.CURSOR_WORDS) @Nullable @QueryValue String cursor) {
        ScheduleStore.Page page = schedules.page(Paging.limit(limit), Paging.cursor(cursor));
        return new SchedulesPage(page.schedules().stream().map(s -> s.view(Links::redact)).toList(),
                page.next() == null ? null : page.next().encode());
    }

    @Get("/{id}")
    @Operation(operationId = "getSchedule", summary = "The schedule: link (secrets redacted), interval, next run, last job")
    @ApiResponse(responseCode = "200", description = "the schedule", content = @Content(schema = @Schema(implementation = ScheduleView.class)))
    @ApiResponse(responseCode = "404", description = UNKNOWN_SCHEDULE)
    ScheduleView get(String id) {
        return stored(id).view(Links::redact);
    }

    /** Deletes the schedule: no run starts after this; a run already queued or running goes on. */
    @Delete("/{id}")
    @Operation(operationId = "deleteSchedule")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "404", description = UNKNOWN_SCHEDULE)
    HttpResponse<Void> delete(String id) {
        schedules.delete(stored(id));
        return HttpResponse.noContent();
    }

    /** Runs the schedule now (an ifChanged job behind the others); its timing is unchanged. 202 with the job. */
    @Post("/{id}/run")
    @Operation(operationId = "runSchedule")
    @ApiResponse(responseCode = "202", description = "the job, queued; Location names it", content = @Content(schema = @Schema(implementation = IngestionView.class)))
    @ApiResponse(responseCode = "404", description = UNKNOWN_SCHEDULE)
    HttpResponse<IngestionView> run(String id) {
        String job = scheduler.run(stored(id), null);
        IngestionView view = jobs.find(job).orElseThrow().view();
        return HttpResponse.<IngestionView>status(HttpStatus.ACCEPTED).headers(h -> h.location(URI.create("/api/v1/ingestions/" + job)))
                .body(view);
    }

    private static final String UNKNOWN_SCHEDULE = "no schedule has this id";

    private Schedule stored(String id) {
        return schedules.byId(id).orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "Schedule not found", "no schedule with id " + id));
    }
}
