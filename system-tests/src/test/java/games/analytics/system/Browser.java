package games.analytics.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven through its chromedriver (both installed by deploy/local/test.sh). */
final class Browser implements AutoCloseable {

    static final Dimension WIDE = new Dimension(1280, 800);
    static final Dimension PHONE = new Dimension(390, 844);
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    final ChromeDriver driver;
    final WebDriverWait wait;

    Browser() {
        Path chromium = executable("CHROMIUM_BINARY", "/usr/bin/chromium");
        Path chromedriver = executable("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars",
                        "--window-size=" + WIDE.width + "," + WIDE.height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private static Path executable(String variable, String fallback) {
        Path path = Path.of(System.getenv().getOrDefault(variable, fallback));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(path + " is missing: the web UI tests need Debian's chromium and chromium-driver"
                    + " (deploy/local/test.sh installs them; or set " + variable + ")");
        }
        return path;
    }

    /** The console's script errors since the last call (failed network loads are the API's answers, not script errors). */
    List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
    }

    void size(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /** How far the page scrolls sideways (0 when it fits the window). */
    long sidewaysOverflow() {
        return (Long) driver.executeScript("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth);");
    }

    void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
