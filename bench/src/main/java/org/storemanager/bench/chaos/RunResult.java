package org.storemanager.bench.chaos;

import java.util.List;

/**
 * What one run found: its row of the report (null numbers are shown as a dash: a window that never
 * closed, a recovery that never ended) and its violation and note lines.
 */
record RunResult(
    long seed,
    String fault,
    Double momentSeconds,
    int accepted,
    int completed,
    int cancelled,
    Double windowSeconds,
    Double recoverySeconds,
    List<String> violations,
    List<String> notes) {}
