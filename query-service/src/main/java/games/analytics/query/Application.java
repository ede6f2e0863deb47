package games.analytics.query;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "games-query-service", version = "0.1.0",
        description = "Filters, sorts, pages, aggregates and describes the ingested Steam games. Every call but POST"
                + " /auth/login needs a JWT with the analyst or admin role. Every column is a filter parameter: column (its"
                + " default operator) and column__op for each operator it takes. Errors are application/problem+json; see"
                + " docs/api.md for the full grammar."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class Application {
    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start(); // no banner: with LOG_FORMAT=json every line is JSON
    }
}
