package org.storemanager.bench.chaos;

import java.util.ArrayList;
import java.util.List;

/**
 * What the checks found: violations (an invariant does not hold: the run fails) and notes (what
 * could not be checked, or is worth knowing, without failing it). Each is one line naming ids.
 */
final class Findings {

  private final List<String> violations = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  synchronized void violation(String line) {
    violations.add(line);
  }

  synchronized void note(String line) {
    notes.add(line);
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  synchronized void addAll(Findings other) {
    violations.addAll(other.violations());
    notes.addAll(other.notes());
  }
}
