package games.analytics.query;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "games-query-service", version = "0.1.0",
        description = "Filters, sorts, pages and aggregates over the ingested Steam games. "
                + "Errors are application/problem+json; see the README for the full grammar."))
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
