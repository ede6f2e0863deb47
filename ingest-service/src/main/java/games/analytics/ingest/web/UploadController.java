package games.analytics.ingest.web;

import games.analytics.ingest.job.IngestMode;
import games.analytics.ingest.job.IngestionView;
import games.analytics.ingest.run.IngestConfig;
import games.analytics.ingest.run.IngestionJobs;
import games.analytics.ingest.run.JobRequest;
import games.analytics.ingest.source.Upload;
import games.analytics.problem.ApiProblem;
import games.analytics.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.Locale;
import java.util.OptionalLong;
import reactor.core.publisher.Mono;

/**
 * Uploads: {@code POST /api/v1/ingestions} with the file as the body ({@code text/csv}, {@code application/gzip}) or as
 * the {@code file} part of a form. The body is not read here: the job reads it when its turn comes, through the same
 * pipeline as a download, and the request is answered once the job has stopped reading it.
 */
@Controller("/api/v1/ingestions")
@Secured({Roles.INGEST, Roles.ADMIN})
class UploadController {

    private final IngestionJobs jobs;
    private final IngestConfig config;
    private final long maxBytes;

    UploadController(IngestionJobs jobs, IngestConfig config, HttpServerConfiguration server) {
        this.jobs = jobs;
        this.config = config;
        this.maxBytes = server.getMaxRequestSize();
    }

    /**
     * The file as the request body, or as the {@code file} part of a form; {@code mode}, {@code maxRejectRatio} and an
     * optional {@code filename} as query parameters.
     */
    @Post(consumes = {"text/csv", "application/gzip", "application/x-gzip", MediaType.MULTIPART_FORM_DATA})
    @Operation(operationId = "startIngestion", summary = IngestionController.START_SUMMARY, description = IngestionController.START_WORDS)
    @RequestBody(required = true, content = {
        @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
        @Content(mediaType = "application/gzip", schema = @Schema(type = "string", format = "binary")),
        @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = UploadForm.class))})
    // the other responses are the link's (IngestionController.start): the document has one operation for both
    @ApiResponse(responseCode = "200", description = IngestionController.REPLAYED, content = @Content(schema = @Schema(implementation = IngestionView.class)))
    Mono<HttpResponse<IngestionView>> upload(@Parameter(hidden = true) HttpRequest<?> request,
                                             @Parameter(description = "an upload: replace (default) or append", schema = @Schema(implementation = IngestMode.class))
                                             @Nullable @QueryValue String mode,
                                             @Parameter(description = "an upload: the share of rows that may be rejected before the job fails, 0..1",
                                                     schema = @Schema(type = "number", minimum = "0", maximum = "1")) @Nullable @QueryValue String maxRejectRatio,
                                             @Parameter(description = "an upload: the file's name, shown as the job's url upload:<filename>")
                                             @Nullable @QueryValue String filename,
                                             @Parameter(description = IngestionController.IDEMPOTENCY_WORDS) @Nullable @Header(IngestionController.IDEMPOTENCY_KEY) String idempotencyKey) {
        MediaType type = request.getContentType().orElseThrow();
        String boundary = null;
        if (type.matches(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            boundary = type.getParameters().get("boundary").orElseThrow(() -> ApiProblem.badParameter("Invalid Content-Type",
                    "a multipart/form-data body needs its boundary parameter", "Content-Type"));
        }
        ByteBody body = ((ServerHttpRequest<?>) request).byteBody();
        OptionalLong length = body.expectedLength();
        Upload upload = new Upload(body.move().toByteArrayPublisher(), filename, length.isPresent() ? length.getAsLong() : null, maxBytes, boundary);
        return start(upload, mode, maxRejectRatio, idempotencyKey);
    }

    /** The form a browser sends: the file in its {@code file} part. */
    @Schema(name = "UploadForm")
    record UploadForm(@Schema(type = "string", format = "binary", description = "the CSV (or .csv.gz) file") String file) {
    }

    private Mono<HttpResponse<IngestionView>> start(Upload upload, String mode, String maxRejectRatio, String idempotencyKey) {
        IngestionJobs.Submission submitted;
        try {
            submitted = jobs.submit(JobRequest.upload(upload, parseMode(mode), parseRatio(maxRejectRatio),
                    IngestionController.checkedKey(idempotencyKey)));
        } catch (IngestionJobs.IdempotencyKeyReused reused) {
            throw IngestionController.reused(reused);
        } catch (RuntimeException e) {
            upload.close(); // a bad parameter: the body is let go unread
            throw e;
        }
        String id = submitted.job().id();
        HttpStatus status = submitted.replayed() ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return Mono.fromCompletionStage(upload.consumed()).then(Mono.fromSupplier(() -> {
            IngestionView now = jobs.find(id).map(s -> s.view()).orElse(submitted.job());
            return HttpResponse.<IngestionView>status(status).headers(h -> h.location(URI.create("/api/v1/ingestions/" + id))).body(now);
        }));
    }

    private static IngestMode parseMode(String mode) {
        if (mode == null) {
            return IngestMode.replace;
        }
        try {
            return IngestMode.valueOf(mode.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badParameter("Invalid mode", "mode must be replace or append, got " + mode, "mode");
        }
    }

    private double parseRatio(String ratio) {
        if (ratio == null) {
            return config.maxRejectRatio();
        }
        double parsed;
        try {
            parsed = Double.parseDouble(ratio.strip());
        } catch (NumberFormatException e) {
            parsed = Double.NaN;
        }
        if (!(parsed >= 0 && parsed <= 1)) {
            throw ApiProblem.badParameter("Invalid maxRejectRatio", "maxRejectRatio must be a number from 0 to 1, got " + ratio, "maxRejectRatio");
        }
        return parsed;
    }
}
