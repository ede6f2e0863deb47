package games.analytics.ingest;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.reactor.http.client.ReactorStreamingHttpClient;
import jakarta.inject.Singleton;

/**
 * A streaming client with no base URL: every download names its own absolute link. Redirects are
 * followed by {@link Download}, which checks each hop against the URL policy.
 */
@Factory
class HttpClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    ReactorStreamingHttpClient downloadClient(HttpClientConfiguration configuration) {
        configuration.setFollowRedirects(false);
        // one connection per download: a cancelled transfer must never hand a half-read connection to the next job
        configuration.getConnectionPoolConfiguration().setEnabled(false);
        return ReactorStreamingHttpClient.create(null, configuration);
    }
}
