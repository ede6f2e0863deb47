package games.analytics.ingest;

import io.micronaut.runtime.Micronaut;

public class Application {
    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start(); // no banner: with LOG_FORMAT=json every line is JSON
    }
}
