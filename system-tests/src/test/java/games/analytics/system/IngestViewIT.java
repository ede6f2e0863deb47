package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The ingest view in a real headless Chromium through the real gateway: what a shared link may do, the history's pages,
 * a file picked from disk uploaded with its progress and loaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestViewIT {

    final Stack stack = Stack.get();
    Browser browser;

    IngestViewIT() throws Exception {
    }

    @BeforeAll
    void start() throws Exception {
        browser = new Browser();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aSharedLinkStartsInAppendAndTheHistoryIsPaged() throws Exception {
        String admin = "Bearer " + TestTokens.valid(Roles.ADMIN);
        // more jobs than one history page (20): straight at the ingest-service, past the gateway's ingestion rate
        for (int i = 0; i < 21; i++) {
            Stack.send(Stack.client(93), "POST", stack.ingest.url() + "/api/v1/ingestions", admin, "{\"url\": \"" + stack.sampleUrl + "\"}");
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).until(() -> {
            String jobs = Stack.send(Stack.client(93), "GET", stack.ingest.url() + "/api/v1/ingestions?limit=1000", admin, null).body();
            return !jobs.contains("\"status\":\"queued\"") && !jobs.contains("\"status\":\"running\"");
        });
        browser.driver.get(stack.gateway.url() + "/ingest");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("token"))).sendKeys(TestTokens.valid(Roles.ADMIN));
        browser.driver.findElement(By.xpath("//button[normalize-space()='Use token']")).click();
        browser.driver.get(stack.gateway.url() + "/ingest?url=" + java.net.URLEncoder.encode("https://example.com/shared.csv", StandardCharsets.UTF_8));
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("url")));
        assertEquals("append", new Select(browser.driver.findElement(By.name("mode"))).getFirstSelectedOption().getText(),
                "a link that fills in the url never starts a replace");
        assertEquals("https://example.com/shared.csv", browser.driver.findElement(By.name("url")).getDomProperty("value"));
        browser.driver.get(stack.gateway.url() + "/ingest");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("url")));
        assertEquals("replace", new Select(browser.driver.findElement(By.name("mode"))).getFirstSelectedOption().getText());
        By firstId = By.cssSelector(".history tbody tr:first-child td:first-child");
        String newest = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(firstId)).getText();
        assertEquals(20, browser.driver.findElements(By.cssSelector(".history tbody tr")).size());
        browser.driver.findElement(By.xpath("//section[@class='history']//button[normalize-space()='Older →']")).click();
        browser.wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(firstId, newest)));
        browser.driver.findElement(By.xpath("//section[@class='history']//button[normalize-space()='← Newest']")).click();
        browser.wait.until(ExpectedConditions.textToBe(firstId, newest));
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void aPickedFileIsUploadedAndLoaded() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("picked games ", ".csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new games.analytics.testing.GamesCsvGenerator(games.analytics.testing.TestData.bytes(games.analytics.testing.TestData.SAMPLE), 5)
                .write(out, 3_000_000);
        java.nio.file.Files.write(file, out.toByteArray());
        SampleOracle oracle = new SampleOracle(out.toByteArray());
        browser.driver.get(stack.gateway.url() + "/ingest");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("token"))).sendKeys(TestTokens.valid(Roles.ADMIN));
        browser.driver.findElement(By.xpath("//button[normalize-space()='Use token']")).click();
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.name("file"))).sendKeys(file.toString());
        assertEquals(Boolean.TRUE, Boolean.valueOf(browser.driver.findElement(By.name("url")).getDomProperty("disabled")), "the file replaces the link");
        browser.driver.findElement(By.xpath("//button[normalize-space()='Start']")).click();
        browser.wait.withTimeout(java.time.Duration.ofSeconds(120))
                .until(ExpectedConditions.attributeToBe(By.cssSelector(".live .status"), "data-status", "succeeded"));
        String figures = browser.driver.findElement(By.cssSelector(".live .figures")).getText();
        assertTrue(figures.contains(String.format(java.util.Locale.US, "%,d inserted", oracle.rows.size())), figures);
        String newest = browser.driver.findElement(By.cssSelector(".history tbody tr:first-child")).getText();
        assertTrue(newest.contains("upload:" + file.getFileName()), newest);
        assertEquals(List.of(), browser.scriptErrors());
        UiSteps.signOut(browser);
        stack.ingestSample(); // the other tests expect the sample
    }
    @Test
    void aScheduleIsMadeRunAndDeletedFromTheView() throws Exception {
        browser.driver.get(stack.gateway.url() + "/ingest");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("token"))).sendKeys(TestTokens.valid(Roles.ADMIN));
        browser.driver.findElement(By.xpath("//button[normalize-space()='Use token']")).click();
        org.openqa.selenium.WebElement form = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("form[aria-label='Add a schedule']")));
        form.findElement(By.name("url")).sendKeys(stack.sampleUrl);
        org.openqa.selenium.WebElement every = form.findElement(By.name("every"));
        every.clear();
        every.sendKeys("7d");
        form.findElement(By.xpath(".//button[normalize-space()='Add schedule']")).click();
        By row = By.cssSelector("table.schedules tbody tr");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        String text = browser.driver.findElement(row).getText();
        assertTrue(text.contains(stack.sampleUrl) && text.contains("7d") && text.contains("replace"), text);
        browser.driver.findElement(By.xpath("//table[@class='schedules']//button[normalize-space()='Run now']")).click();
        browser.wait.until(ExpectedConditions.textMatches(row, java.util.regex.Pattern.compile("(queued|running|succeeded|skipped) \\(")));
        browser.driver.findElement(By.xpath("//table[@class='schedules']//button[normalize-space()='Delete']")).click();
        browser.wait.until(ExpectedConditions.textToBe(By.cssSelector(".schedules-box .empty"), "No schedules."));
        assertEquals(List.of(), browser.scriptErrors());
        UiSteps.signOut(browser);
    }
}
