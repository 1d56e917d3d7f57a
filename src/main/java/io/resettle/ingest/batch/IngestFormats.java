package io.resettle.ingest.batch;

import io.resettle.ingest.ExportFormatException;
import io.resettle.ingest.ExportFormats;
import io.resettle.masterdata.DataSetException;
import java.nio.file.Path;

/** The export formats of an ingest: the shipped ones and the data set's {@code formats/*.yml}. */
final class IngestFormats {

    private IngestFormats() {
    }

    /**
     * @throws DataSetException naming the definition file, the key and why, when one cannot be used (the
     *                          command line refuses the run with that message; no row has been read)
     */
    static ExportFormats load(Path dataDir) {
        try {
            return ExportFormats.of(dataDir);
        } catch (ExportFormatException e) {
            throw new DataSetException(e.problems().stream().map(p -> e.file() + ": " + p).toList());
        }
    }
}
