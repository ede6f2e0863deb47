package games.analytics.ingest;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "games-ingest-service", version = "0.1.0",
        description = "Loads a CSV of Steam games into ClickHouse from a link or an uploaded file, as jobs with progress, rejects and an "
                + "atomic replace; keeps links fresh on a schedule. Every call needs a JWT with the ingest or admin role. Errors are "
                + "application/problem+json."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class Application {
    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start(); // no banner: with LOG_FORMAT=json every line is JSON
    }
}
