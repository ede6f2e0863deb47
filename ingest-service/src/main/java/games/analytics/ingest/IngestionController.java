package games.analytics.ingest;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

@Controller("/api/v1/ingestions")
class IngestionController {

    private final IngestionJobs jobs;

    IngestionController(IngestionJobs jobs) {
        this.jobs = jobs;
    }

    /** Queues a download of {@code url}; 202 with the job and its Location. */
    @Post
    HttpResponse<IngestionView> start(@Body IngestionRequest request) {
        IngestionJob job = jobs.submit(validUrl(request == null ? null : request.url()));
        return HttpResponse.<IngestionView>status(HttpStatus.ACCEPTED)
                .headers(h -> h.location(URI.create("/api/v1/ingestions/" + job.id)))
                .body(job.view());
    }

    /** All jobs this service knows, newest first. */
    @Get
    List<IngestionView> list() {
        return jobs.all().stream().map(IngestionJob::view).toList();
    }

    @Get("/{id}")
    IngestionView get(String id) {
        return job(id).view();
    }

    /** The rows this job could not store, with line, column and reason (the first ones, up to the configured cap). */
    @Get("/{id}/rejects")
    List<RejectedRow> rejects(String id) {
        return job(id).rejects();
    }

    private IngestionJob job(String id) {
        return jobs.find(id).orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "Ingestion not found",
                "no ingestion with id " + id));
    }

    private static URI validUrl(String url) {
        if (url == null || url.isBlank()) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", "body must be JSON {\"url\": \"https://...\"}");
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw Problems.of(HttpStatus.BAD_REQUEST, "Invalid url", "url must be an absolute http(s) link, got: " + url);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Invalid url", "url is not a valid link: " + e.getMessage());
        }
    }
}
