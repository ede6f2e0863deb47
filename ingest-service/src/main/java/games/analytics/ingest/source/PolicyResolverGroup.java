package games.analytics.ingest.source;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The download client's name resolver: it connects only to addresses the URL policy allows, so a host that
 * answered a public address when the link was checked and a private one a moment later (DNS rebinding) is
 * refused at connect time.
 */
@Singleton
@Named(PolicyResolverGroup.NAME)
final class PolicyResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    static final String NAME = "url-policy";

    private final UrlPolicy policy;

    PolicyResolverGroup(UrlPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                try {
                    promise.setSuccess(policy.connectable(host).getFirst());
                } catch (UnknownHostException | RuntimeException e) {
                    promise.setFailure(e);
                }
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                try {
                    promise.setSuccess(policy.connectable(host));
                } catch (UnknownHostException | RuntimeException e) {
                    promise.setFailure(e);
                }
            }
        });
    }
}
