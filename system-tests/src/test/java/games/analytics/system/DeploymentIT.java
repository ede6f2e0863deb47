package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cloud deployment as far as it can be checked without a cloud: deploy/cloud/check.sh validates the compose
 * file, the Caddyfile and the cloud-init user-data with Debian's own tools and runs the user-data's setup script
 * twice in a scratch directory with docker and the network stubbed.
 */
class DeploymentIT {

    @Test
    void composeCaddyAndCloudInitAreValidAndTheSetupScriptWorks() throws Exception {
        Process check = new ProcessBuilder("bash", Path.of("../deploy/cloud/check.sh").toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, check.exitValue(), out);
        assertTrue(out.contains("deployment checks passed"), out);
    }
}
