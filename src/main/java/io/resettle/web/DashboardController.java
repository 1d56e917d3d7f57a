package io.resettle.web;

import io.resettle.reconcile.Finding;
import io.resettle.run.AuditLog;
import io.resettle.support.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The read-only pages: runs, one execution, periods, one period, forecast, audit log. */
@Controller
class DashboardController {

    private static final List<String> STATUSES = List.of("STARTING", "STARTED", "STOPPING", "STOPPED", "FAILED",
            "COMPLETED", "ABANDONED", "UNKNOWN");

    private final Runs runs;
    private final ExecutionDetail executions;
    private final PeriodOverview periods;
    private final AuditLog auditLog;
    private final SettlementOverview settlements;
    private final RebateAccruals rebateAccruals;
    private final Charts charts;

    private final UsersProperties users;
    private final boolean demoUsers;

    DashboardController(Runs runs, ExecutionDetail executions, PeriodOverview periods, AuditLog auditLog,
            SettlementOverview settlements, RebateAccruals rebateAccruals, Charts charts, UsersProperties users,
            @org.springframework.beans.factory.annotation.Value("${resettle.web.demo-users:false}") boolean demoUsers) {
        this.users = users;
        this.demoUsers = demoUsers;
        this.settlements = settlements;
        this.rebateAccruals = rebateAccruals;
        this.charts = charts;
        this.runs = runs;
        this.executions = executions;
        this.periods = periods;
        this.auditLog = auditLog;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("noUsers", users.users().isEmpty() && !demoUsers);
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/runs";
    }

    @GetMapping("/runs")
    String runs(@RequestParam(required = false) String job, @RequestParam(required = false) String period,
            @RequestParam(required = false) String status, Model model) {
        var found = runs.find(job, period, status, 500);
        model.addAttribute("runs", found);
        model.addAttribute("jobs", runs.jobNames());
        model.addAttribute("periods", runs.periods());
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("job", job);
        model.addAttribute("period", period);
        model.addAttribute("status", status);
        model.addAttribute("anyRunning", found.stream().anyMatch(Runs.Run::running));
        return "runs";
    }

    @GetMapping("/executions/{id}")
    String execution(@PathVariable long id, Model model) {
        ExecutionView view = executions.find(id);
        if (view == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no job execution " + id);
        }
        model.addAttribute("x", view);
        return "execution";
    }

    @GetMapping("/periods")
    String periods(Model model) {
        model.addAttribute("periods", runs.periods());
        return "periods";
    }

    @GetMapping("/periods/{period}")
    String period(@PathVariable String period, Model model) {
        YearMonth month = month(period);
        model.addAttribute("period", month.toString());
        model.addAttribute("files", periods.files(month));
        model.addAttribute("rejectCount", periods.rejectCount(month));
        model.addAttribute("rejects", periods.rejects(month, 100));
        model.addAttribute("groups", periods.groupTotals(month));
        model.addAttribute("outputs", periods.outputsByRevision(month));
        settlement(month, model);
        model.addAttribute("runs", runs.find(null, month.toString(), null, 50));
        return "period";
    }

    private void settlement(YearMonth month, Model model) {
        boolean available = settlements.available();
        List<SettlementOverview.Revision> revisions = available ? settlements.revisions(month) : List.of();
        model.addAttribute("revisions", revisions);
        model.addAttribute("events", available ? settlements.events(month) : List.of());
        SettlementOverview.Revision latest = revisions.isEmpty() ? null : revisions.get(revisions.size() - 1);
        boolean closed = latest != null && latest.closed();
        boolean settled = latest != null
                && (RunStatus.COMPLETED.equals(latest.status()) || RunStatus.COMPLETED_WITH_BREAKS.equals(latest.status()));
        model.addAttribute("closed", closed);
        // Only the buttons that can succeed (issue 14.7): what a closed or unsettled period refuses is not offered.
        model.addAttribute("canIngest", !closed);
        model.addAttribute("canSettle", latest == null);
        model.addAttribute("canRerun", settled && !closed);
        model.addAttribute("canClose", settled && !closed);
        model.addAttribute("canReopen", closed);
        model.addAttribute("unfinished", latest != null && !settled && !closed ? latest : null);
        Integer newest = revisions.isEmpty() ? null : revisions.get(revisions.size() - 1).revision();
        model.addAttribute("newestRevision", newest);
        List<SettlementOverview.GroupVolume> volumes = newest == null ? List.of() : settlements.volumes(month, newest);
        model.addAttribute("volumes", volumes);
        // drawn here: Thymeleaf does not call beans from th:utext
        model.addAttribute("volumeChart", volumes.isEmpty() ? "" : charts.volumes(volumes));
        model.addAttribute("invoiceTotals", available ? settlements.invoiceTotals(month) : List.of());
        model.addAttribute("payoutTotals", available ? settlements.payoutTotals(month) : List.of());
        List<Finding> findings = newest == null ? List.of() : settlements.findings(month, newest);
        model.addAttribute("findings", findings);
        model.addAttribute("breaks", findings.stream().filter(f -> f.status() == Finding.Status.BREAK).count());
        model.addAttribute("warnings", findings.stream().filter(f -> f.status() != Finding.Status.BREAK).count());
        model.addAttribute("adjustments", settlements.adjustments(month, revisions));
        RebateAccruals.Rebates rebates = rebateAccruals.of(month).orElse(null);
        model.addAttribute("rebates", rebates);
        model.addAttribute("rebateChart", rebates == null || rebates.problem() != null ? "" : charts.monthly(rebates.months()));
        model.addAttribute("year", month.getYear());
    }

    @GetMapping("/periods/{period}/file")
    ResponseEntity<FileSystemResource> outputFile(@PathVariable String period, @RequestParam String path) throws IOException {
        Path file = periods.outputFile(month(period), path)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such output file"));
        String type = Files.probeContentType(file);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file.getFileName() + "\"")
                .contentType(type == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(type))
                .body(new FileSystemResource(file));
    }

    @GetMapping("/forecast")
    String forecast(Model model) {
        PeriodOverview.Rows forecast = periods.forecast().orElse(null);
        model.addAttribute("forecast", forecast);
        return "forecast";
    }

    @GetMapping("/audit")
    String audit(Model model) {
        model.addAttribute("entries", auditLog.recent(500));
        return "audit";
    }

    static YearMonth month(String period) {
        try {
            return YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a period YYYY-MM: " + period);
        }
    }
}
