package games.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.netty.channel.ChannelOption;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Client connections get a fixed 64 KiB send buffer (application.yml says why): a misspelt option name would only be
 * warned about by Netty and leave the kernel's autotuned buffer, whose stalls only a benchmark would show.
 */
@MicronautTest
class SendBufferTest extends ServiceOnClickHouse {

    @Inject
    NettyHttpServerConfiguration server;

    SendBufferTest() throws Exception {
        super("sndbuf", null);
    }

    @Test
    void clientConnectionsHaveAFixedSendBuffer() {
        Object size = server.getChildOptions().get(ChannelOption.SO_SNDBUF);
        assertEquals("65536", String.valueOf(size), "child options: " + server.getChildOptions());
    }
}
