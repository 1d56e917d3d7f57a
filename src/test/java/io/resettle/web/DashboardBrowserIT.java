package io.resettle.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.cli.ResettleCommandLine;
import io.resettle.support.TestDatabases;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium against {@code resettle serve} on PostgreSQL (issue 5):
 * log in, launch an ingest and watch it reach 100%, open the period, make a run fail, restart it
 * from the page, launch a settle and watch it reach 100%, open the period overview with its volume
 * chart, and check that a VIEWER cannot act. Screenshots go to target/screenshots/.
 */
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static Path data;
    private static String db;
    private static String base;
    private static WebDriver browser;

    @BeforeAll
    static void startServeAndBrowser() throws Exception {
        boolean browserInstalled = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") != null && !browserInstalled) {
            throw new IllegalStateException("CI must install Debian's chromium and chromium-driver (.ci/run does)");
        }
        Assumptions.assumeTrue(browserInstalled, "needs Debian's chromium and chromium-driver (apt-get install"
                + " chromium chromium-driver); .ci/run installs them and never skips this test");
        Path temp = Files.createTempDirectory("resettle-browser");
        data = temp.resolve("data");
        copy(Path.of("src/test/resources/datasets/basic"), data);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        db = TestDatabases.newPostgres();
        String[] args = {"serve", "--port", String.valueOf(port), "--db", db, "--data", data.toString(), "--out",
            temp.resolve("out").toString()};
        Thread serve = new Thread(() -> ResettleCommandLine.run(args, Map.of("resettle.scheduler.enabled", "false",
                "resettle.web.demo-users", "true")),
                "resettle-serve");
        serve.setDaemon(true);
        serve.start();
        base = "http://127.0.0.1:" + port;
        waitForServer(base + "/login", Duration.ofSeconds(120));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void launchWatchFailRestartAndViewerCannot() throws Exception {
        open("/login");
        screenshot("01-login");
        logIn("finance");
        assertThat(browser.manage().getCookieNamed("JSESSIONID").getSameSite()).isEqualTo("Lax");

        // launch an ingest from the Runs page and watch it complete
        open("/runs");
        browser.findElement(By.id("launch-period")).sendKeys("2026-10");
        clickThrough(By.id("launch-ingest"), "/actions/ingest");
        assertThat(text(By.className("confirm-text"))).contains("2026-10");
        screenshot("02-confirm-ingest");
        clickThrough(By.id("confirm"), "/executions/");
        waitForText(By.id("status"), "COMPLETED");
        assertThat(text(By.id("job-progress"))).isEqualTo("100%");
        screenshot("03-execution-completed");

        clickThrough(By.id("period-link"), "/periods/2026-10");
        assertThat(browser.getPageSource()).contains("a-bill.csv").contains("G1");
        assertThat(browser.findElements(By.id("no-settlement"))).hasSize(1);
        screenshot("04-period-overview");

        // a data set whose groups.csv went missing: the master-data step fails
        Files.move(data.resolve("groups.csv"), data.resolve("groups.csv.away"));
        open("/actions/ingest?period=2026-10");
        clickThrough(By.id("confirm"), "/executions/");
        waitForText(By.id("status"), "FAILED");
        String failedExecution = text(By.id("execution-id"));
        assertThat(text(By.id("failure"))).contains("groups.csv");
        assertThat(browser.findElements(By.id("restart-link"))).isEmpty(); // finance launches, ops restarts
        screenshot("05-execution-failed");
        Files.move(data.resolve("groups.csv.away"), data.resolve("groups.csv"));

        // OPS restarts it from the page
        logOut();
        logIn("ops");
        open("/executions/" + failedExecution);
        clickThrough(By.id("restart-link"), "/actions/restart");
        screenshot("06-confirm-restart");
        clickThrough(By.id("confirm"), "/executions/");
        waitForText(By.id("status"), "COMPLETED");
        assertThat(text(By.id("job-progress"))).isEqualTo("100%");
        String restartExecution = text(By.id("execution-id"));
        assertThat(browser.findElement(By.id("restart-of")).getText()).isEqualTo("#" + failedExecution);
        screenshot("07-restarted-completed");
        // the failed run links to its restart and offers no second restart
        open("/executions/" + failedExecution);
        assertThat(browser.findElement(By.id("restarted-as")).getText()).isEqualTo("#" + restartExecution);
        assertThat(browser.findElements(By.id("restart-link"))).isEmpty();
        assertThat(browser.findElements(By.id("abandon-link"))).isEmpty();

        // FINANCE settles the period from its page, watches the progress reach 100%, opens the overview
        logOut();
        logIn("finance");
        open("/periods/2026-10");
        clickThrough(By.id("settle-link"), "/actions/settle");
        assertThat(text(By.className("confirm-text"))).contains("2026-10");
        screenshot("07a-confirm-settle");
        clickThrough(By.id("confirm"), "/executions/");
        waitForText(By.id("job-progress"), "100%");
        // the basic data set's settle has reconciliation breaks: not shown as a plain (green) COMPLETED
        new WebDriverWait(browser, Duration.ofSeconds(90)).ignoring(RuntimeException.class)
                .until(d -> d.findElement(By.id("status")).getText().trim().startsWith("COMPLETED"));
        String settleStatus = text(By.id("status"));
        assertThat(browser.findElement(By.id("status")).getAttribute("class")).isEqualTo("status " + settleStatus);
        assertThat(settleStatus).isEqualTo(text(By.id("exit-code")));
        assertThat(browser.getPageSource()).contains("priceLines").contains("writeSettlementFiles");
        screenshot("07b-settle-completed");
        String settleExecution = text(By.id("execution-id"));
        assertThat(text(By.id("steps-done"))).matches("([0-9]+) of \\1 steps done");
        clickThrough(By.id("period-link"), "/periods/2026-10");
        assertThat(browser.findElements(By.id("no-settlement"))).isEmpty();
        // settled: no second settle offered, a re-run and a close are
        assertThat(browser.findElements(By.id("settle-link"))).isEmpty();
        assertThat(browser.findElements(By.id("rerun-link"))).hasSize(1);
        assertThat(browser.findElements(By.id("close-link"))).hasSize(1);
        assertThat(browser.findElements(By.id("reopen-link"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#revisions tbody tr"))).hasSize(1);
        WebElement chart = browser.findElement(By.id("volume-chart"));
        assertThat(chart.findElements(By.cssSelector("g.group-volume"))).isNotEmpty();
        assertThat(chart.findElements(By.cssSelector("line.tier-edge"))).isNotEmpty();
        assertThat(browser.findElements(By.id("outputs-r1"))).hasSize(1);
        assertThat(browser.findElements(By.id("no-rebates"))).hasSize(1);
        screenshot("07c-period-settled");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", chart);
        screenshot("07d-period-volume-chart");
        open("/periods/2026-10?lang=zh_CN");
        assertThat(browser.getPageSource()).contains("客户组用量与阶梯门槛");
        screenshot("07e-period-settled-zh");
        open("/periods/2026-10?lang=en");

        open("/runs");
        assertThat(browser.findElements(By.cssSelector("#runs tbody tr"))).hasSize(4); // ingest, failed, restart, settle
        screenshot("08-runs");
        open("/audit");
        assertThat(browser.getPageSource()).contains("restart").contains("ingest");
        screenshot("09-audit");
        open("/forecast");
        assertThat(browser.findElements(By.id("no-forecast"))).hasSize(1);
        screenshot("10-forecast");
        open("/runs?lang=zh_CN");
        assertThat(browser.getPageSource()).contains("运行记录").contains("已完成").contains("失败").contains("已重启为");
        assertThat(browser.findElements(By.cssSelector("#runs .status"))).noneSatisfy(
                badge -> assertThat(badge.getText()).isIn("COMPLETED", "FAILED"));
        screenshot("11-runs-zh");
        open("/runs?lang=en");

        // the settle as a process killed in the middle would leave it: STARTED, no process holding its lock
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(db);
                java.sql.Statement sql = connection.createStatement()) {
            sql.executeUpdate("UPDATE batch_job_execution SET status = 'STARTED', end_time = NULL"
                    + " WHERE job_execution_id = " + settleExecution);
        }
        logOut();
        logIn("ops");
        open("/executions/" + settleExecution);
        assertThat(browser.findElements(By.id("dead-badge"))).hasSize(1);
        assertThat(text(By.id("dead-notice"))).contains("No process is running this execution any more");
        assertThat(text(By.id("last-update"))).endsWith("ago)");
        assertThat(browser.findElements(By.id("recover-link"))).hasSize(1);
        assertThat(browser.findElements(By.id("stop-link"))).isEmpty();
        screenshot("11a-dead-run");
        open("/runs");
        assertThat(browser.findElements(By.cssSelector("#runs .status.DEAD"))).hasSize(1);
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(db);
                java.sql.Statement sql = connection.createStatement()) {
            sql.executeUpdate("UPDATE batch_job_execution SET status = 'COMPLETED', end_time = last_updated"
                    + " WHERE job_execution_id = " + settleExecution);
        }

        // a VIEWER sees the run but cannot restart or launch anything
        logOut();
        logIn("viewer");
        open("/executions/" + failedExecution);
        assertThat(text(By.id("status"))).isEqualTo("FAILED");
        assertThat(browser.findElements(By.id("restart-link"))).isEmpty();
        open("/runs");
        assertThat(browser.findElements(By.id("launch-ingest"))).isEmpty();
        open("/actions/restart?execution=" + failedExecution);
        assertThat(browser.findElements(By.id("forbidden"))).hasSize(1);
        screenshot("12-viewer-forbidden");
    }

    private static void logIn(String user) {
        open("/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.id("login-submit")).click();
        waitForText(By.id("current-user"), user);
    }

    private static void logOut() {
        browser.findElement(By.cssSelector("header form button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/login"));
    }

    /**
     * Clicks a link or button that loads another page and waits until that page has loaded: click() can return
     * while the old page is still shown, and a lookup then finds (or misses) elements of the old page.
     */
    private static void clickThrough(By by, String pathOfNextPage) {
        browser.findElement(by).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains(pathOfNextPage)
                && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private static void open(String path) {
        browser.get(base + path);
    }

    private static String text(By by) {
        return browser.findElement(by).getText().trim();
    }

    /** Waits across the page's own refreshes until the element shows the text. */
    private static void waitForText(By by, String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(90)).ignoring(RuntimeException.class)
                .until(d -> d.findElement(by).getText().trim().equals(expected));
    }

    private static void screenshot(String name) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void waitForServer(String url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("resettle serve did not answer " + url + " within " + timeout);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
