package games.analytics.query.web;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URL;

/**
 * The web UI's one page at each of its addresses ({@code /}, {@code /chart}, {@code /similar}, {@code /ingest}); the query string is
 * the view's state in the API's own grammar. Public: the page holds no data, every data call sends the token.
 */
@Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class UiController {

    private final URL page;
    private final byte[] icon;

    UiController(ResourceResolver resources) {
        this.page = resources.getResource("classpath:ui/index.html").orElseThrow();
        try (java.io.InputStream in = resources.getResourceAsStream("classpath:ui/favicon.ico").orElseThrow()) {
            this.icon = in.readAllBytes(); // 152 bytes
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Browsers ask for it on every page load, also of the API's addresses; public like the page. */
    @Get(value = "/favicon.ico", produces = "image/x-icon")
    HttpResponse<byte[]> icon() {
        return HttpResponse.ok(icon).contentType("image/x-icon");
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<StreamedFile> explore() {
        return page();
    }

    @Get(value = "/chart", produces = MediaType.TEXT_HTML)
    HttpResponse<StreamedFile> chart() {
        return page();
    }

    @Get(value = "/similar", produces = MediaType.TEXT_HTML)
    HttpResponse<StreamedFile> similar() {
        return page();
    }

    @Get(value = "/ingest", produces = MediaType.TEXT_HTML)
    HttpResponse<StreamedFile> ingest() {
        return page();
    }

    private HttpResponse<StreamedFile> page() {
        return HttpResponse.ok(new StreamedFile(page)).header("Cache-Control", "no-cache");
    }
}
