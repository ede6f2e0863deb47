package games.analytics.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import games.analytics.security.Roles;
import games.analytics.security.testing.TestTokens;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** What the web UI tests do again and again: wait for the table, read it, ask the API for a problem, sign out. */
final class UiSteps {

    private static final Pattern COUNT = Pattern.compile("^([\\d,]+) rows?");
    private static final Pattern DETAIL = Pattern.compile("\"detail\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    private UiSteps() {
    }

    /** Signs the tab in with a token of {@code role}, as "Use token" does; the next page load uses it. */
    static void signIn(Browser browser, Stack stack, String role) {
        browser.driver.get(stack.gateway.url() + "/");
        browser.driver.executeScript("sessionStorage.setItem('games-analytics-token', arguments[0])", TestTokens.valid(role));
    }

    /** The results table and the heading of the same answer are on the page. */
    static void waitForTable(Browser browser) {
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.results table tbody tr")));
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.results h1.heading")));
    }

    static int headingCount(Browser browser) {
        String heading = browser.driver.findElement(By.cssSelector("h1.heading")).getText();
        Matcher m = COUNT.matcher(heading);
        if (!m.find()) {
            throw new AssertionError("no count in the heading: " + heading);
        }
        return Integer.parseInt(m.group(1).replace(",", ""));
    }

    static List<String> column(Browser browser, int index) {
        return browser.driver.findElements(By.cssSelector("section.results table tbody tr")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).get(index)).map(WebElement::getText).toList();
    }

    /** The API's own problem detail for a request, asked directly (not through the page). */
    static String problemDetail(Stack stack, String pathAndQuery) throws Exception {
        HttpResponse<String> answer = Stack.send(Stack.client(92), "GET", stack.gateway.url() + pathAndQuery,
                "Bearer " + TestTokens.valid(Roles.ANALYST), null);
        assertEquals(400, answer.statusCode(), answer.body());
        Matcher m = DETAIL.matcher(answer.body());
        if (!m.find()) {
            throw new AssertionError("no detail: " + answer.body());
        }
        return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    static void signOut(Browser browser) {
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("signout"))).click();
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
    }
}
