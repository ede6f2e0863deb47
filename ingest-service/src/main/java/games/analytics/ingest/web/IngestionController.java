package games.analytics.ingest.web;

import games.analytics.ingest.job.IngestionView;
import games.analytics.ingest.job.JobsPage;
import games.analytics.ingest.job.RejectsPage;
import games.analytics.ingest.run.IngestConfig;
import games.analytics.ingest.run.IngestionJob;
import games.analytics.ingest.run.IngestionJobs;
import games.analytics.ingest.run.JobRequest;
import games.analytics.ingest.source.RejectedUrlException;
import games.analytics.ingest.source.UrlPolicy;
import games.analytics.ingest.store.JobStore;
import games.analytics.ingest.store.RejectStore;
import games.analytics.problem.ApiProblem;
import games.analytics.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
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
import java.util.Locale;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/** Jobs API. Reads of stored jobs and rejects query ClickHouse, so they run on the blocking pool, not the event loop. */
@Controller("/api/v1/ingestions")
@Secured({Roles.INGEST, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class IngestionController {

    static final int DEFAULT_REJECTS_PAGE = 100;
    static final int MAX_REJECTS_PAGE = 10_000;

    private final IngestionJobs jobs;
    private final UrlPolicy policy;
    private final RejectStore rejects;
    private final IngestConfig config;

    IngestionController(IngestionJobs jobs, UrlPolicy policy, RejectStore rejects, IngestConfig config) {
        this.jobs = jobs;
        this.policy = policy;
        this.rejects = rejects;
        this.config = config;
    }

    /**
     * Queues a download of {@code url}; 202 with the job and its Location. Bad input is a 400 and creates no job. With an
     * {@code Idempotency-Key} that made a job in the last 24 h for the same request, 200 with that job and nothing new.
     */
    @Post
    @Operation(operationId = "startIngestion", summary = START_SUMMARY, description = START_WORDS)
    @ApiResponse(responseCode = "202", description = "the job, queued (a link) or having read the file (an upload); Location names it",
            content = @Content(schema = @Schema(implementation = IngestionView.class)))
    @ApiResponse(responseCode = "200", description = REPLAYED, content = @Content(schema = @Schema(implementation = IngestionView.class)))
    @ApiResponse(responseCode = "400", description = "a bad url, mode, ratio or key, named in the problem; no job is made")
    @ApiResponse(responseCode = "413", description = "an upload larger than INGEST_MAX_UPLOAD_BYTES")
    @ApiResponse(responseCode = "415", description = "a Content-Type other than application/json, text/csv, application/gzip, multipart/form-data")
    @ApiResponse(responseCode = "422", description = "the Idempotency-Key made a job for another request")
    HttpResponse<IngestionView> start(@Valid @Body IngestionRequest request,
                                      @Parameter(description = IDEMPOTENCY_WORDS) @Nullable @Header(IDEMPOTENCY_KEY) String idempotencyKey) {
        URI url;
        try {
            url = policy.accept(request.url());
        } catch (RejectedUrlException e) {
            throw ApiProblem.badParameter("Invalid url", e.getMessage(), "url");
        }
        IngestionJobs.Submission submitted;
        try {
            submitted = jobs.submit(JobRequest.link(url, request.modeOrDefault(),
                    request.maxRejectRatio() == null ? config.maxRejectRatio() : request.maxRejectRatio(), checkedKey(idempotencyKey),
                    Boolean.TRUE.equals(request.ifChanged())));
        } catch (IngestionJobs.IdempotencyKeyReused e) {
            throw reused(e);
        }
        IngestionView job = submitted.job();
        return HttpResponse.<IngestionView>status(submitted.replayed() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .headers(h -> h.location(URI.create("/api/v1/ingestions/" + job.id())))
                .body(job);
    }

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IDEMPOTENCY_WORDS = "1 to 255 visible ASCII characters (a UUID, say): the same key within 24 h answers the job"
            + " it made instead of a new one";
    static final String START_SUMMARY = "Load a CSV from a link or an uploaded file, as a job";
    static final String START_WORDS = "A JSON body names a link: the job is queued at once (202). A body of text/csv or"
            + " application/gzip, or a multipart/form-data form with the file in its file part, is an upload (mode, maxRejectRatio"
            + " and filename as query parameters): it streams through the same pipeline when the job's turn comes, and the answer"
            + " comes once the job has read the whole file (202), or when it stopped reading (the job failed or was cancelled)."
            + " Bad input is a 400 and makes no job; an Idempotency-Key seen in the last 24 h for the same request answers"
            + " 200 with that job.";
    static final String REPLAYED = "an Idempotency-Key replayed: the job it made";
    static final String UNKNOWN_JOB = "no job has this id";

    static ApiProblem reused(IngestionJobs.IdempotencyKeyReused e) {
        return ApiProblem.of(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused", e.getMessage()
                + "; a key names one request: send this one with a new key");
    }

    /** A key is 1 to 255 visible ASCII characters (a UUID, say); null when the request has none. */
    static String checkedKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw ApiProblem.badParameter("Invalid Idempotency-Key", "an Idempotency-Key is 1 to 255 visible ASCII characters (a UUID, say)",
                    IDEMPOTENCY_KEY);
        }
        return key;
    }

    /** Jobs, also those of earlier runs of the service, newest first, a page at a time. */
    @Get
    @Operation(operationId = "listIngestions")
    @ApiResponse(responseCode = "200", description = "a page of jobs", content = @Content(schema = @Schema(implementation = JobsPage.class)))
    @ApiResponse(responseCode = "400", description = "a bad limit or cursor")
    JobsPage list(@Parameter(description = Paging.LIMIT_WORDS, schema = @Schema(minimum = "1", maximum = "1000")) @Nullable @QueryValue Integer limit,
                  @Parameter(description = Paging.CURSOR_WORDS) @Nullable @QueryValue String cursor) {
        JobStore.Page page = jobs.page(Paging.limit(limit), Paging.cursor(cursor));
        return new JobsPage(page.jobs().stream().map(JobStore.Stored::view).toList(), page.next() == null ? null : page.next().encode());
    }

    @Get("/{id}")
    @Operation(operationId = "getIngestion", summary = "The job: status, progress (bytes and rows, rates, ETA), rejects, notes")
    @ApiResponse(responseCode = "200", description = "the job", content = @Content(schema = @Schema(implementation = IngestionView.class)))
    @ApiResponse(responseCode = "404", description = UNKNOWN_JOB)
    IngestionView get(String id) {
        return stored(id).view();
    }

    /** Cancels a queued or running job: the download stops and its partial data is dropped. */
    @Delete("/{id}")
    @Operation(operationId = "cancelIngestion")
    @ApiResponse(responseCode = "202", description = "the job, cancelling", content = @Content(schema = @Schema(implementation = IngestionView.class)))
    @ApiResponse(responseCode = "404", description = UNKNOWN_JOB)
    @ApiResponse(responseCode = "409", description = "the job has finished already")
    HttpResponse<IngestionView> cancel(String id) {
        IngestionJob job = jobs.live(id).orElse(null);
        if (job == null || job.status().finished()) {
            IngestionView view = stored(id).view();
            throw ApiProblem.of(HttpStatus.CONFLICT, "Ingestion finished", "ingestion " + id + " is already " + view.status());
        }
        job.cancel();
        return HttpResponse.<IngestionView>status(HttpStatus.ACCEPTED).body(job.view());
    }

    /** The job as Server-Sent Events, once a second while it runs, ending with its final state. */
    @Get(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.IO)
    @Operation(operationId = "ingestionEvents")
    @ApiResponse(responseCode = "200", description = "events named job, each data the job as JSON",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM, schema = @Schema(implementation = IngestionView.class)))
    @ApiResponse(responseCode = "404", description = UNKNOWN_JOB)
    Publisher<Event<IngestionView>> events(String id) {
        IngestionJob job = jobs.live(id).orElse(null);
        if (job == null) {
            return Flux.just(Event.of(stored(id).view()).name("job"));
        }
        return Flux.interval(Duration.ZERO, Duration.ofSeconds(1))
                .map(tick -> job.view())
                .takeUntil(view -> view.status().finished())
                .map(view -> Event.of(view).name("job").id(Long.toString(System.currentTimeMillis())));
    }

    /** Rejected rows in file order with line, column, reason and raw text; json pages or csv. */
    @Get(value = "/{id}/rejects", produces = {MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(operationId = "ingestionRejects")
    @ApiResponse(responseCode = "200", description = "a page of rejected rows (json), or all of them (csv)", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RejectsPage.class)),
        @Content(mediaType = "text/csv", schema = @Schema(type = "string", description = "line,column,reason,raw: a header, then a row each"))})
    @ApiResponse(responseCode = "400", description = "a bad limit, cursor or format")
    @ApiResponse(responseCode = "404", description = UNKNOWN_JOB)
    HttpResponse<?> rejects(String id,
                            @Parameter(description = "json page size, 1.." + MAX_REJECTS_PAGE + " (default " + DEFAULT_REJECTS_PAGE + ")",
                                    schema = @Schema(minimum = "1", maximum = "10000")) @Nullable @QueryValue Integer limit,
                            @Parameter(description = "nextCursor of the previous json page") @Nullable @QueryValue String cursor,
                            @Parameter(description = "json (default) or csv", schema = @Schema(allowableValues = {"json", "csv"}))
                            @Nullable @QueryValue String format) {
        JobStore.Stored job = stored(id);
        int size = limit == null ? DEFAULT_REJECTS_PAGE : limit;
        if (size < 1 || size > MAX_REJECTS_PAGE) {
            throw ApiProblem.badParameter("Invalid limit", "limit must be 1.." + MAX_REJECTS_PAGE + ", got " + size, "limit");
        }
        long after;
        try {
            after = cursor == null ? 0 : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ApiProblem.badParameter("Invalid cursor", "cursor must be a nextCursor from a previous page", "cursor");
        }
        RejectsPage page = rejects.page(id, job.attempt(), after, size);
        if (format == null || format.equalsIgnoreCase("json")) {
            return HttpResponse.ok(page);
        }
        if (!format.toLowerCase(Locale.ROOT).equals("csv")) {
            throw ApiProblem.badParameter("Invalid format", "format is json or csv, got " + format, "format");
        }
        return HttpResponse.ok(RejectsCsv.of(page)).contentType("text/csv; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rejects-" + id + ".csv\"")
                .header("X-Next-Cursor", page.nextCursor() == null ? "" : page.nextCursor());
    }

    private JobStore.Stored stored(String id) {
        return jobs.find(id).orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "Ingestion not found", "no ingestion with id " + id));
    }
}
