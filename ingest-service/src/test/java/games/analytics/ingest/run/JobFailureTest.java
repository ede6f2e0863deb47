package games.analytics.ingest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clickhouse.client.api.ServerException;
import games.analytics.model.MissingColumnsException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.MalformedInputException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Each failure lands in one class with the reason users read; a bug of ours is never passed off as ClickHouse's. */
class JobFailureTest {

    @Test
    void eachCauseIsClassifiedThroughItsWrappers() {
        assertInstanceOf(JobFailure.Refused.class, JobFailure.of(new RuntimeException(new IngestionException("125 of 250 rows were rejected"))));
        assertInstanceOf(JobFailure.BadFile.class, JobFailure.of(new MissingColumnsException(List.of("Price"))));
        assertInstanceOf(JobFailure.BadFile.class, JobFailure.of(new IllegalStateException(new MalformedInputException(1))));
        JobFailure download = JobFailure.of(new RuntimeException(new JobFailure.DownloadBroke(new IOException("connection reset"))));
        assertEquals(new JobFailure.DownloadFailed("download failed: connection reset"), download);
        JobFailure clickHouse = JobFailure.of(new CompletionException(new ServerException(0, "Code: 241, e.displayText() = memory\nmore", 500, null)));
        assertEquals(new JobFailure.ClickHouse("ClickHouse failed: Code: 241, e.displayText() = memory"), clickHouse);
        assertInstanceOf(JobFailure.ClickHouse.class, JobFailure.of(new RuntimeException(new ConnectException("refused"))));
        assertInstanceOf(JobFailure.ClickHouse.class, JobFailure.of(new IOException("Broken pipe")), "an insert's connection broke");
    }

    @Test
    void aShardThatCannotBeReachedIsNamedWithItsServer() {
        // 18.16's answer to an insert through a Distributed table whose other shard is down (ClusterIT meets it for real)
        JobFailure shard = JobFailure.of(new CompletionException(new ServerException(0, "Code: 279, e.displayText() = DB::NetException:"
                + " All connection tries failed. Log: \n\nCode: 210, e.displayText() = DB::NetException: Connection refused (127.0.0.1:40411)\n", 500, null)));
        assertEquals(new JobFailure.ClickHouse("ClickHouse failed: a server of the cluster holding a shard could not be reached, so nothing was"
                + " published: Code: 279, e.displayText() = DB::NetException: All connection tries failed. Log: Code: 210, e.displayText() ="
                + " DB::NetException: Connection refused (127.0.0.1:40411)"), shard);
    }

    @Test
    void aServerOfTheClusterThatFailsAStepIsNamed() {
        JobFailure failed = JobFailure.of(new games.analytics.ingest.store.Cluster.ServerFailed("http://ch-2:8123",
                new CompletionException(new IOException("Connection reset"))));
        assertEquals(new JobFailure.ClickHouse("ClickHouse failed: the server at http://ch-2:8123: Connection reset"), failed);
    }

    @Test
    void aClusterUnlikeItsConfigurationIsTheOperatorsToFix() {
        JobFailure cluster = JobFailure.of(new IllegalStateException(new games.analytics.ingest.store.Cluster.Misconfigured(
                "CLICKHOUSE_CLUSTER_NODES lists servers of shards [1], cluster c has servers of shards [1, 2]")));
        assertEquals(new JobFailure.Refused("the ClickHouse cluster is not as the service is configured to find it, so nothing was loaded:"
                + " CLICKHOUSE_CLUSTER_NODES lists servers of shards [1], cluster c has servers of shards [1, 2]"), cluster);
    }

    @Test
    void ourOwnBugsAreSaidToBeOurs() {
        JobFailure bug = JobFailure.of(new IllegalStateException("wrong state", new NullPointerException("x is null")));
        assertInstanceOf(JobFailure.Internal.class, bug);
        assertTrue(bug.reason().startsWith("the ingest-service failed (java.lang.NullPointerException: x is null)"), bug.reason());
        assertInstanceOf(JobFailure.Internal.class, JobFailure.of(new OutOfMemoryError("Java heap space")));
    }
}
