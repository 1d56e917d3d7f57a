package io.resettle.cli;

import io.resettle.forecast.ForecastReport;
import io.resettle.forecast.batch.ForecastStore;
import io.resettle.run.JobRunner;
import java.nio.file.Path;
import java.time.YearMonth;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resettle forecast}: month-to-date volumes against the next tier edges (forecast.csv). */
@Command(name = "forecast", sortOptions = false,
        description = "Month-to-date volumes against the next tier edges (forecast.csv); prints the closest.")
class ForecastCommand extends SpringCommand {

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "the billing month")
    YearMonth period;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path outDir;

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        Path out = ResettleCommandLine.absolute(outDir);
        out().printf("Forecasting %s%n", period);
        int exit = new JobReport(context, out(), err()).report(context.getBean(JobRunner.class).forecast(period,
                out.toString()));
        if (exit == ResettleCommandLine.OK) {
            ForecastReport.print(out(), context.getBean(ForecastStore.class).closest(period, 10));
            out().printf("  files: %s%n", out.resolve(period.toString()).resolve("forecast.csv"));
        }
        return exit;
    }
}
