package games.analytics.ingest.source;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.http.client.LoadBalancer;
import io.micronaut.http.client.StreamingHttpClient;
import io.micronaut.http.client.StreamingHttpClientRegistry;
import jakarta.inject.Singleton;

/**
 * The download client: no base URL (every download names its own absolute link), no redirects (followed by
 * {@link Download}, which checks each hop against the URL policy), no connection pool (a cancelled transfer must
 * never hand a half-read connection to the next job), and names resolved by {@link PolicyResolverGroup}, so it
 * connects only to addresses the policy allows. Its own configuration: the application's default client
 * configuration stays as configured.
 */
@Factory
class HttpClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    StreamingHttpClient downloadClient(HttpClientConfiguration defaults, StreamingHttpClientRegistry<?> registry, BeanContext context) {
        DefaultHttpClientConfiguration downloads = new DefaultHttpClientConfiguration();
        defaults.getConnectTimeout().ifPresent(downloads::setConnectTimeout);
        defaults.getReadTimeout().ifPresent(downloads::setReadTimeout);
        downloads.setFollowRedirects(false);
        downloads.getConnectionPoolConfiguration().setEnabled(false);
        downloads.setAddressResolverGroupName(PolicyResolverGroup.NAME);
        // a load balancer makes the registry build a client from this configuration; requests carry absolute links
        return registry.resolveStreamingHttpClient(null, LoadBalancer.empty(), downloads, context);
    }
}
