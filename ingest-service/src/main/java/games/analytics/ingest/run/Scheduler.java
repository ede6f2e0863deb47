package games.analytics.ingest.run;

import games.analytics.ingest.job.Schedule;
import games.analytics.ingest.store.ScheduleStore;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due schedules, in this instance or another: every tick it claims the due runs it sees, waits for the claims of
 * other instances to land, and runs those it won ({@link ScheduleStore#winner}). A run is an ifChanged job with the
 * Idempotency-Key {@code schedule:<id>:<due time>}, so a run that two instances both took for theirs still makes one
 * job. Runs missed while no instance ran are not made up: the schedule moves to its next due time.
 */
@Context // ticks from start-up, not from the first request that needs it
public class Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final int BATCH = 100;

    private final ScheduleStore schedules;
    private final IngestionJobs jobs;
    private final Duration settle;
    /** This instance's name in claims: random per start, so two instances never share one. */
    private final String instance = UUID.randomUUID().toString();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ingest-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    Scheduler(ScheduleStore schedules, IngestionJobs jobs, @Value("${ingest.schedule-tick:10s}") Duration tick,
              @Value("${ingest.schedule-claim-settle:1s}") Duration settle) {
        this.schedules = schedules;
        this.jobs = jobs;
        this.settle = settle;
        ticker.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: claim what is due, let other instances' claims land, run what this instance won. */
    void tick() {
        try {
            Instant now = Instant.now();
            List<Schedule> claimed = new ArrayList<>();
            for (Schedule due : schedules.due(now, BATCH)) {
                schedules.claim(due.due(due.nextAfter(now)), due.nextRunAt(), instance, now);
                claimed.add(due);
            }
            if (claimed.isEmpty()) {
                return;
            }
            Thread.sleep(settle);
            for (Schedule due : claimed) {
                if (schedules.winner(due.id(), due.nextRunAt()).filter(instance::equals).isPresent()) {
                    run(due, "schedule:" + due.id() + ":" + due.nextRunAt());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("schedules not checked (retried next tick): {}", e.getMessage());
        }
    }

    /** Queues the schedule's run now (behind other jobs) and notes its job; the schedule's timing is unchanged. */
    public String run(Schedule schedule, String idempotencyKey) {
        IngestionJobs.Submission submitted = jobs.submit(JobRequest.link(schedule.url(), schedule.mode(), schedule.maxRejectRatio(),
                idempotencyKey, true));
        Schedule current = schedules.byId(schedule.id()).orElse(null);
        if (current != null) {
            schedules.save(current.ran(submitted.job().id()));
        }
        LOG.info("schedule {} ran: ingestion {}", schedule.id(), submitted.job().id());
        return submitted.job().id();
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }
}
