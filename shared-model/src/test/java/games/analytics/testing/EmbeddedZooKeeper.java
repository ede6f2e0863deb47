package games.analytics.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A single ZooKeeper on loopback inside the test JVM (the Maven artifact, no package to install): what replicated
 * ClickHouse tables coordinate through. It can be stopped and started again on the same port and data, for the case
 * of a cluster whose ZooKeeper is down.
 */
public final class EmbeddedZooKeeper {

    private final Path dir;
    private final int port;
    private ServerCnxnFactory factory;

    private EmbeddedZooKeeper(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static EmbeddedZooKeeper start() {
        try {
            EmbeddedZooKeeper zooKeeper = new EmbeddedZooKeeper(Files.createTempDirectory("zookeeper-test"), Processes.freePort());
            zooKeeper.resume();
            Runtime.getRuntime().addShutdownHook(new Thread(zooKeeper::stop));
            return zooKeeper;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Starts it (again) on the same port, with the data it had. */
    public synchronized void resume() {
        try {
            ZooKeeperServer server = new ZooKeeperServer(dir.resolve("snapshots").toFile(), dir.resolve("log").toFile(), 2000);
            factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", port), 200);
            factory.startup(server);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public synchronized void stop() {
        if (factory != null) {
            factory.shutdown();
            factory = null;
        }
    }
}
