package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import games.analytics.security.Roles;
import games.analytics.testing.TestData;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The analysis parts of the web UI in a real headless Chromium through the gateway: the statistics panel of Explore,
 * the similar games of a row, the chart's metric menus. Expected numbers and rankings come from the sample CSV read in
 * plain Java ({@link SampleOracle}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisViewIT {

    final Stack stack = Stack.get();
    final SampleOracle oracle = new SampleOracle(TestData.bytes(TestData.SAMPLE));
    Browser browser;

    AnalysisViewIT() throws Exception {
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
    }

    @BeforeEach
    void signedInAsAnalyst() {
        browser.size(Browser.WIDE);
        UiSteps.signIn(browser, stack, Roles.ANALYST);
    }

    void open(String pathAndQuery) {
        browser.driver.get(stack.gateway.url() + pathAndQuery);
    }

    @Test
    void theStatisticsPanelShowsTheFilesNumbersForTheFilter() throws Exception {
        open("/?genres__exact=Indie&fields=app_id,name,price");
        UiSteps.waitForTable(browser);
        browser.driver.findElement(By.cssSelector("details.statistics summary")).click();
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.describe tr[data-column=price]")));
        List<SampleOracle.Game> indie = oracle.rows.stream().filter(g -> g.genres().contains("Indie")).toList();
        expect("price", indie, g -> g.price().doubleValue());
        expect("positive", indie, g -> g.positive());
        WebElement box = browser.driver.findElement(By.cssSelector("tr[data-column=positive] svg.box"));
        double skew = Double.parseDouble(value("positive", "skew"));
        assertEquals(skew > 1, box.getAttribute("class").contains("log"), "a log scale exactly where the values are skewed: " + skew);
        assertTrue(box.getAttribute("aria-label").contains("median " + asJson(median(indie, g -> g.positive()))), box.getAttribute("aria-label"));
        browser.driver.executeScript("document.querySelector('details.statistics').scrollIntoView()");
        browser.screenshot("explore-statistics");
        open("/?genres__exact=Indie&fields=app_id,name,price&sort=price"); // the panel stays open from one view to the next
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.describe tr[data-column=price]")));
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void eachRowLinksToItsSimilarGamesAndTheirsInTurn() throws Exception {
        open("/?fields=app_id,name&sort=-positive&limit=5");
        UiSteps.waitForTable(browser);
        String first = UiSteps.column(browser, 0).getFirst();
        browser.driver.findElement(By.cssSelector("section.results tbody tr a.similar")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1.heading"), "like"));
        UiSteps.waitForTable(browser);
        assertTrue(browser.driver.getCurrentUrl().contains("/similar?app_id=" + first), browser.driver.getCurrentUrl());
        assertEquals(oracle.similar(oracle.game(first), 20), UiSteps.column(browser, 1), "ranked as the sets say");
        String heading = browser.driver.findElement(By.cssSelector("h1.heading")).getText();
        assertTrue(heading.contains("like " + oracle.game(first).name()), heading);
        browser.screenshot("similar-wide");
        String next = UiSteps.column(browser, 1).getFirst();
        browser.driver.findElement(By.cssSelector("section.results tbody tr a.similar")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1.heading"), "like " + oracle.game(next).name()));
        assertEquals(oracle.similar(oracle.game(next), 20), UiSteps.column(browser, 1), "and from there on");
        open("/similar?app_id=4294967295");
        WebElement error = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.results .error")));
        assertTrue(error.getText().contains("4294967295"), error.getText());
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void theChartOffersTheShapeMetricsAndDrawsEveryMetric() throws Exception {
        open("/chart?group_by=genres&metrics=count");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".plot canvas")));
        new Select(browser.driver.findElement(By.name("function"))).selectByValue("skew");
        new Select(browser.driver.findElement(By.name("metric_column"))).selectByValue("positive");
        browser.driver.findElement(By.cssSelector("button.add-metric")).click();
        assertEquals("count,skew:positive", browser.driver.findElement(By.name("metrics")).getAttribute("value"));
        browser.driver.findElement(By.cssSelector(".chart-form button.primary")).click();
        browser.wait.until(ExpectedConditions.urlContains("metrics=count%2Cskew%3Apositive"));
        browser.wait.until(d -> !d.findElements(By.cssSelector(".plot canvas")).isEmpty()
                && d.findElements(By.cssSelector("table.numbers th")).stream().anyMatch(th -> th.getText().equals("skew_positive")));
        String legend = browser.driver.findElement(By.cssSelector(".plot .u-legend")).getText();
        assertTrue(legend.contains("count") && legend.contains("skew_positive"), "both metrics drawn: " + legend);
        assertEquals(3, browser.driver.findElements(By.cssSelector(".plot .u-axis")).size(), "a second axis for the second unit");
        for (WebElement tr : browser.driver.findElements(By.cssSelector("table.numbers tbody tr"))) {
            List<WebElement> cells = tr.findElements(By.tagName("td"));
            String genre = cells.get(0).getText();
            List<SampleOracle.Game> games = oracle.rows.stream().filter(g -> g.genres().contains(genre)).toList();
            assertEquals(games.size(), Integer.parseInt(cells.get(1).getText().replace(",", "")), genre);
            double expected = skew(games.stream().mapToDouble(SampleOracle.Game::positive).sorted().toArray());
            String shown = cells.get(2).getText();
            if (Double.isNaN(expected)) {
                assertEquals("NULL", shown, genre);
            } else {
                assertEquals(expected, Double.parseDouble(shown.replace(",", "")), 0.0005, genre); // shown to 3 places
            }
        }
        browser.screenshot("chart-metrics");
        assertEquals(List.of(), browser.scriptErrors());
    }

    private String value(String column, String statistic) {
        return browser.driver.findElement(By.cssSelector("tr[data-column=" + column + "] td[data-statistic=" + statistic + "]"))
                .getAttribute("data-value");
    }

    /** count, mean, min, median and max of the column as shown, against the same computed from the file. */
    private void expect(String column, List<SampleOracle.Game> games, ToDoubleFunction<SampleOracle.Game> of) {
        double[] v = games.stream().mapToDouble(of).sorted().toArray();
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        Map<String, Double> want = Map.of("count", (double) v.length, "mean", sum / v.length, "min", v[0], "median", median(games, of),
                "max", v[v.length - 1]);
        want.forEach((statistic, expected) -> assertEquals(expected, Double.parseDouble(value(column, statistic)),
                1e-6 * Math.max(1, Math.abs(expected)), column + " " + statistic));
    }

    private static double median(List<SampleOracle.Game> games, ToDoubleFunction<SampleOracle.Game> of) {
        double[] v = games.stream().mapToDouble(of).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : v[v.length / 2 - 1] + 0.5 * (v[v.length / 2] - v[v.length / 2 - 1]);
    }

    /** Population skewness of sorted values, the moments summed in that order; NaN where undefined. */
    private static double skew(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double mean = sum / v.length;
        double m2 = 0;
        double m3 = 0;
        for (double x : v) {
            m2 += (x - mean) * (x - mean);
            m3 += (x - mean) * (x - mean) * (x - mean);
        }
        m2 /= v.length;
        m3 /= v.length;
        return m3 / (m2 * Math.sqrt(m2));
    }

    /** A double as JSON writes it (and the page repeats it): 5 as 5, 5.5 as 5.5. */
    private static String asJson(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
