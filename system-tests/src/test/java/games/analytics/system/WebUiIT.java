package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.security.Roles;
import games.analytics.testing.CsvFileServer;
import games.analytics.testing.GamesCsvGenerator;
import games.analytics.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium, through the real gateway, on the packaged jars and a real ClickHouse.
 * Expected rows and numbers come from the sample CSV read here ({@link SampleOracle}), not from the service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiIT {

    final Stack stack = Stack.get();
    final SampleOracle oracle = new SampleOracle(TestData.bytes(TestData.SAMPLE));
    Browser browser;

    /** A failed step leaves a screenshot of what the browser showed (target/screenshots/failed-*.png). */
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.TestWatcher onFailure = new org.junit.jupiter.api.extension.TestWatcher() {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            try {
                browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
            } catch (Exception ignored) {
                // the failure itself is what matters
            }
        }
    };

    WebUiIT() throws Exception {
    }

    @BeforeAll
    void start() throws Exception {
        stack.ingestSample();
        browser = new Browser();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        stack.ingestSample(); // leave the sample published for whatever runs next
    }

    String url(String pathAndQuery) {
        return stack.gateway.url() + pathAndQuery;
    }

    void open(String pathAndQuery) {
        browser.driver.get(url(pathAndQuery));
    }

    /** Each test starts alone: a wide window, signed in as an analyst (the token kept where the page keeps it). */
    @BeforeEach
    void signedInAsAnalyst() {
        browser.size(Browser.WIDE);
        signIn(Roles.ANALYST);
    }

    /** Set by a test that publishes other data: the sample is published again after it, for whichever test runs next. */
    boolean replacedData;

    @org.junit.jupiter.api.AfterEach
    void publishTheSampleAgain() throws Exception {
        if (replacedData) {
            replacedData = false;
            stack.ingestSample();
        }
    }

    /** Signs this tab in with a token of {@code role}, as "Use token" does; the next page load uses it. */
    void signIn(String role) {
        UiSteps.signIn(browser, stack, role);
    }

    @Test
    void signInKeepsTheTokenInThisTabOnly() throws Exception {
        browser.driver.executeScript("sessionStorage.clear()");
        open("/");
        WebElement user = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        Object bytes = browser.driver.executeScript("return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                + ".reduce((s, e) => s + e.transferSize, 0)");
        System.out.println("web UI first load (page, scripts, styles, fresh browser): " + bytes + " bytes transferred");
        browser.screenshot("signin-wide");
        user.sendKeys(Stack.LOGIN_USER);
        browser.driver.findElement(By.name("password")).sendKeys(Stack.LOGIN_PASSWORD);
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        UiSteps.waitForTable(browser);
        assertNotNull(browser.driver.executeScript("return sessionStorage.getItem('games-analytics-token')"));
        assertTrue(browser.driver.manage().getCookies().isEmpty(), "no cookie holds the token");
        browser.driver.navigate().refresh();
        UiSteps.waitForTable(browser); // the tab keeps it across page loads
        assertEquals(oracle.rows.size(), UiSteps.headingCount(browser));
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void aFilteredUrlShowsExactlyTheRowsOfTheFile() throws Exception {
        open("/?genres__exact=Indie&price__lt=5&sort=-positive&fields=app_id,name,price");
        UiSteps.waitForTable(browser);
        List<String> headers = browser.driver.findElements(By.cssSelector("table thead th")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("app_id", "name", "price", ""), headers, "and a last column of similar-games links");
        List<String> expected = oracle.appIds(r -> r.genres().contains("Indie") && r.price().compareTo(new BigDecimal("5")) < 0);
        assertEquals(expected, UiSteps.column(browser, 0));
        assertEquals(expected.size(), UiSteps.headingCount(browser));
        String heading = browser.driver.findElement(By.cssSelector("h1.heading")).getText();
        assertTrue(heading.contains("sorted by positive descending"), heading);
        String curl = browser.driver.findElement(By.cssSelector("code.curl")).getText();
        assertTrue(curl.contains("/api/v1/games?genres__exact=Indie&price__lt=5&sort=-positive&fields=app_id%2Cname%2Cprice")
                || curl.contains("/api/v1/games?genres__exact=Indie&price__lt=5&sort=-positive&fields=app_id,name,price"), curl);
        browser.screenshot("explore-wide");
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void keysetPagesGoForwardAndBack() {
        open("/?fields=app_id,name&sort=positive&limit=40");
        UiSteps.waitForTable(browser);
        List<String> all = oracle.appIdsByPositiveAscending();
        assertEquals(all.subList(0, 40), UiSteps.column(browser, 0));
        browser.driver.findElement(By.xpath("//button[normalize-space()='Next →']")).click();
        browser.wait.until(d -> d.getCurrentUrl().contains("cursor="));
        browser.wait.until(d -> UiSteps.column(browser, 0).equals(all.subList(40, 80)));
        browser.driver.findElement(By.xpath("//button[normalize-space()='Next →']")).click();
        browser.wait.until(d -> UiSteps.column(browser, 0).equals(all.subList(80, all.size())));
        assertFalse(browser.driver.findElement(By.xpath("//button[normalize-space()='Next →']")).isEnabled(), "the last page has no next");
        browser.driver.findElement(By.xpath("//button[normalize-space()='← Previous']")).click();
        browser.wait.until(d -> UiSteps.column(browser, 0).equals(all.subList(40, 80)));
        assertEquals(all.size(), UiSteps.headingCount(browser));
    }

    @Test
    void hostileAndUnicodeUrlsAreShownAsTextNeverRunAndNeverBlank() throws Exception {
        for (String value : List.of("<img src=x onerror=alert(1)>", "🎮 ünïcödé \u202e", "'); DROP TABLE games; --", "x".repeat(5000))) {
            open("/?name=" + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
            WebElement heading = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("h1.heading")));
            assertTrue(heading.getText().contains(value.length() > 100 ? value.substring(0, 100) : value), heading.getText());
            assertEquals(0L, browser.driver.executeScript("return document.querySelectorAll('main img').length"), "markup stays text");
        }
        for (String broken : List.of("/?or=(((", "/?sort=-genres", "/?limit=0", "/?release_date=2020-13", "/chart?group_by=nope")) {
            open(broken);
            WebElement error = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error")));
            assertFalse(error.getText().isBlank(), broken);
        }
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void thePageIsPublicButTheDataIsNot() throws Exception {
        for (String path : List.of("/", "/chart", "/similar", "/ingest", "/favicon.ico", "/ui/app.js", "/webjars/uplot/" + System.getProperty("uplot.version") + "/dist/uPlot.iife.min.js")) {
            java.net.http.HttpResponse<String> page = Stack.send(Stack.client(93), "GET", url(path), null, null);
            assertEquals(200, page.statusCode(), path);
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"), path);
        }
        assertEquals("image/x-icon", Stack.send(Stack.client(93), "GET", url("/favicon.ico"), null, null).headers()
                .firstValue("Content-Type").orElse(""), "an icon, not a 401, for the request every browser makes");
        assertEquals(401, Stack.send(Stack.client(93), "GET", url("/api/v1/games"), null, null).statusCode());
        assertEquals(401, Stack.send(Stack.client(93), "GET", url("/api/v1/schema"), null, null).statusCode());
    }

    @Test
    void theBuilderAddsAFilterAndTheUrlFollows() {
        open("/");
        UiSteps.waitForTable(browser);
        browser.driver.findElement(By.xpath("//button[normalize-space()='+ Filter']")).click();
        WebElement row = browser.driver.findElements(By.cssSelector(".filter")).getLast();
        new Select(row.findElement(By.name("column"))).selectByValue("price");
        List<String> operators = new Select(row.findElement(By.name("operator"))).getOptions().stream().map(WebElement::getText).toList();
        assertEquals(List.of("eq", "ne", "gt", "gte", "lt", "lte", "between", "in"), operators, "only what the schema allows for price");
        new Select(row.findElement(By.name("operator"))).selectByValue("lt");
        row.findElement(By.name("value")).sendKeys("5");
        browser.driver.findElement(By.xpath("//button[normalize-space()='Apply']")).click();
        browser.wait.until(d -> d.getCurrentUrl().contains("price__lt=5"));
        UiSteps.waitForTable(browser);
        assertEquals(oracle.count(r -> r.price().compareTo(new BigDecimal("5")) < 0), UiSteps.headingCount(browser));
        browser.driver.navigate().back(); // history works: back to the unfiltered view
        browser.wait.until(d -> !d.getCurrentUrl().contains("price__lt"));
        UiSteps.waitForTable(browser);
        assertEquals(oracle.rows.size(), UiSteps.headingCount(browser));
    }

    @Test
    void aFacetClickAddsItsFilterAndASecondRemovesIt() throws Exception {
        open("/");
        UiSteps.waitForTable(browser);
        WebElement indie = browser.wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-facet=genres] a[data-filter='genres__exact=Indie']")));
        String count = indie.findElement(By.xpath("following-sibling::span")).getText();
        assertEquals(oracle.count(r -> r.genres().contains("Indie")), Integer.parseInt(count.replace(",", "")));
        indie.click();
        browser.wait.until(d -> URLDecoder.decode(d.getCurrentUrl(), StandardCharsets.UTF_8).contains("genres__exact=Indie"));
        UiSteps.waitForTable(browser);
        assertEquals(oracle.count(r -> r.genres().contains("Indie")), UiSteps.headingCount(browser));
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-facet=genres] a.active"))).click();
        browser.wait.until(d -> !d.getCurrentUrl().contains("genres__exact"));
        UiSteps.waitForTable(browser);
        assertEquals(oracle.rows.size(), UiSteps.headingCount(browser));
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-facet=price] li")));
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void aBadValueShowsTheApisExplanationBesideItsFilter() throws Exception {
        open("/?price__lt=abc");
        WebElement error = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".filter .field-error")));
        String detail = UiSteps.problemDetail(stack, "/api/v1/games?price__lt=abc");
        assertEquals(detail, error.getText());
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void aChartDrawsTheGroupsAndTheirNumbers() throws Exception {
        open("/chart?group_by=release_year&metrics=count");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".plot canvas")));
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("table.numbers tbody tr"));
        Map<String, Integer> shown = new TreeMap<>();
        for (WebElement tr : rows) {
            List<WebElement> cells = tr.findElements(By.tagName("td"));
            shown.put(cells.get(0).getText(), Integer.parseInt(cells.get(1).getText().replace(",", "")));
        }
        assertEquals(oracle.countsByYear(), shown);
        browser.screenshot("chart-wide");
        open("/chart?group_by=genres&metrics=count,avg:price&having=count__gt=10");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".plot canvas")));
        List<String> groups = browser.driver.findElements(By.cssSelector("table.numbers tbody tr td:first-child")).stream().map(WebElement::getText).toList();
        assertEquals(oracle.genresWithMoreThan(10), new java.util.TreeSet<>(groups));
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void eachViewFitsAPhoneWithoutSidewaysScrolling() throws Exception {
        browser.size(Browser.PHONE);
        try {
            // each view once it is complete: every facet answered, the chart drawn (the ingest view, which needs the
            // ingest role, is checked signed in as an admin in anIngestionShowsItsProgressAndFinalStatus)
            Map<String, String> views = new java.util.LinkedHashMap<>();
            views.put("/?fields=name,price,genres", "const f = [...document.querySelectorAll('.facet')];" // a placeholder has no heading
                    + " return f.length === 8 && f.every(box => box.querySelector('h3'))");
            views.put("/chart?group_by=release_year&metrics=count", "return !!document.querySelector('.plot canvas')");
            for (Map.Entry<String, String> view : views.entrySet()) {
                open(view.getKey());
                browser.wait.until(d -> Boolean.TRUE.equals(browser.driver.executeScript(view.getValue())));
                assertEquals(0, browser.sidewaysOverflow(), view.getKey());
                browser.screenshot((view.getKey().startsWith("/chart") ? "chart" : "explore") + "-phone");
            }
        } finally {
            browser.size(Browser.WIDE);
        }
    }

    @Test
    void anIngestionShowsItsProgressAndFinalStatus() throws Exception {
        signIn(Roles.ADMIN);
        replacedData = true;
        open("/ingest");
        WebElement url = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("url")));
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        new GamesCsvGenerator(TestData.bytes(TestData.SAMPLE), 7).write(big, 8_000_000);
        CountDownLatch middle = new CountDownLatch(1); // the download waits half-way until the bar has been seen there
        url.sendKeys(stack.files.serve("/ui-big.csv", CsvFileServer.Route.csv(big.toByteArray()).holdAfter(big.size() / 2, middle)));
        browser.driver.findElement(By.xpath("//button[normalize-space()='Start']")).click();
        WebElement bar;
        try {
            bar = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".live progress")));
            double seen = browser.wait.until(d -> {
                String value = bar.getDomAttribute("value");
                double share = value == null ? 0 : Double.parseDouble(value) / Double.parseDouble(bar.getDomAttribute("max"));
                return share > 0 && share < 1 ? share : null;
            });
            // the server stops after the 8 KiB write that crosses half the file
            assertTrue(seen <= 0.5 + 8192.0 / big.size(), "the bar shows no more than was sent: " + seen);
        } finally {
            middle.countDown(); // whatever happened, the download goes on, so no job is left waiting for the next test
        }
        new WebDriverWait(browser.driver, Duration.ofMinutes(2)).until(d -> {
            String status = d.findElement(By.cssSelector(".live .status")).getDomAttribute("data-status");
            return "succeeded".equals(status) || "failed".equals(status) || "cancelled".equals(status);
        });
        assertEquals("succeeded", browser.driver.findElement(By.cssSelector(".live .status")).getText());
        assertEquals("1", bar.getDomAttribute("value"));
        assertTrue(browser.driver.findElement(By.cssSelector(".live .figures")).getText().contains("rows read"));
        browser.screenshot("ingest-wide");
        browser.size(Browser.PHONE);
        try {
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".history table")));
            assertEquals(0, browser.sidewaysOverflow(), "/ingest");
            browser.screenshot("ingest-phone");
        } finally {
            browser.size(Browser.WIDE);
        }
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void rejectedRowsArePagedWithTheirLineAndReason() throws Exception {
        String header = "AppID,Name,Release date,Required age,Price,DLC count,About the game,Supported languages,Windows,Mac,Linux,"
                + "Positive,Negative,Score rank,Developers,Publishers,Categories,Genres,Tags\n";
        StringBuilder csv = new StringBuilder(header);
        for (int i = 1; i <= 6; i++) {
            String price = i % 2 == 0 ? "not a price " + i : "1.99";
            csv.append(i).append(",game ").append(i).append(",\"Oct 1, 2010\",0,").append(price).append(",0,,[],TRUE,FALSE,FALSE,1,2,,a,b,c,d,e\n");
        }
        signIn(Roles.ADMIN);
        replacedData = true;
        open("/ingest");
        WebElement url = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("url")));
        url.sendKeys(stack.files.serve("/ui-rejects.csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
        browser.driver.findElement(By.name("maxRejectRatio")).sendKeys("1");
        browser.driver.findElement(By.xpath("//button[normalize-space()='Start']")).click();
        browser.wait.until(ExpectedConditions.textToBe(By.cssSelector(".live .status"), "succeeded"));
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//section[@class='history']//button[normalize-space()='Rejects']"))).click();
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rejects tbody tr")));
        List<String> lines = browser.driver.findElements(By.cssSelector(".rejects tbody tr td:first-child")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("3", "5", "7"), lines);
        assertTrue(browser.driver.findElement(By.cssSelector(".rejects tbody")).getText().contains("not a price 2"));
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void signOutForgetsTheToken() {
        open("/");
        UiSteps.signOut(browser);
        assertNull(browser.driver.executeScript("return sessionStorage.getItem('games-analytics-token')"));
        open("/"); // a new page load in the same tab: still signed out, no data shown
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        assertTrue(browser.driver.findElements(By.cssSelector("main table")).isEmpty(), "no results without a token");
    }
}
