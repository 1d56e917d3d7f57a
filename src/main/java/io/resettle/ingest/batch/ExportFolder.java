package io.resettle.ingest.batch;

import io.resettle.ingest.FileStatus;
import io.resettle.masterdata.DataSetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a period's export folder holds (R2.7, issue 15), judged without following links: a regular
 * {@code *.csv} file is an export to read, a symbolic link to one is rejected, anything else is
 * listed as IGNORED with its reason.
 */
final class ExportFolder {

    private ExportFolder() {
    }

    /** What the folder holds: exports to read, and entries listed with what was done with them. */
    record FolderEntry(Path path, String name, FileStatus status, String note) {
    }

    /**
     * Every entry of the period's export folder in path order, judged without following links: a
     * regular {@code *.csv} file is PENDING (to read), a link REJECTED, the rest IGNORED. The folder
     * itself must lie inside the data set (its real path), or the data set is refused.
     */
    static List<FolderEntry> entries(Path dataDir, YearMonth period) throws IOException {
        Path folder = dataDir.resolve("exports").resolve(period.toString());
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        if (!Files.isDirectory(folder)) {
            throw new DataSetException(List.of(relative(dataDir, folder) + " is not a folder"));
        }
        if (!folder.toRealPath().startsWith(dataDir.toRealPath())) {
            throw new DataSetException(List.of(relative(dataDir, folder) + " leads outside the data set (a symbolic link"
                    + " to " + folder.toRealPath() + "); Resettle reads only files inside the data set folder"));
        }
        List<FolderEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                entries.add(judge(file, relative(dataDir, file)));
            }
        }
        return entries;
    }

    private static FolderEntry judge(Path file, String name) {
        String fileName = file.getFileName().toString();
        boolean csv = fileName.toLowerCase(Locale.ROOT).endsWith(".csv");
        if (Files.isSymbolicLink(file)) {
            return csv
                    ? new FolderEntry(file, name, FileStatus.REJECTED, name + " is a symbolic link; Resettle does not"
                            + " follow links: put the file itself in the folder")
                    : new FolderEntry(file, name, FileStatus.IGNORED, "a symbolic link, not followed");
        }
        if (fileName.startsWith(".")) {
            return new FolderEntry(file, name, FileStatus.IGNORED, "a hidden file");
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return new FolderEntry(file, name, FileStatus.IGNORED,
                    "a folder: exports are read only directly under exports/<period>/");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return new FolderEntry(file, name, FileStatus.IGNORED, "not a regular file");
        }
        if (!csv) {
            return new FolderEntry(file, name, FileStatus.IGNORED, "not a .csv file");
        }
        return new FolderEntry(file, name, FileStatus.PENDING, null);
    }

    private static String relative(Path dataDir, Path file) {
        return dataDir.relativize(file).toString().replace('\\', '/');
    }
}
