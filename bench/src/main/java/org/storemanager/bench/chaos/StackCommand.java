package org.storemanager.bench.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code $STACK_ROOT/stack <args>} (stop, start, kill of one component) with a time limit,
 * appending its output to one log file. A command over its limit is killed by its handle, and only
 * the script: what it launched (a broker, a Liberty server coming up) is left to the stack, whose
 * own start functions give up after READY_TIMEOUT anyway.
 */
final class StackCommand {

  /** What a command did: its exit code (-1 when it had to be killed) and how long it took. */
  record Result(List<String> args, int exitCode, double seconds, boolean timedOut) {
    boolean ok() {
      return exitCode == 0 && !timedOut;
    }

    String describe() {
      return "./stack "
          + String.join(" ", args)
          + (timedOut
              ? String.format(Locale.ROOT, ": no answer within %.0f s (killed)", seconds)
              : String.format(Locale.ROOT, ": exit %d after %.1f s", exitCode, seconds));
    }
  }

  private final Path stack;
  private final Path log;

  StackCommand(Path stackRoot, Path log) {
    this.stack = stackRoot.resolve("stack");
    this.log = log;
  }

  Path log() {
    return log;
  }

  /** Kill and stop are quick; start waits until the component is ready (READY_TIMEOUT: 240 s). */
  static Duration limitFor(List<String> args) {
    return args.get(0).equals("start") ? Duration.ofSeconds(330) : Duration.ofSeconds(120);
  }

  Result run(List<String> args) {
    Duration limit = limitFor(args);
    List<String> command = new ArrayList<>();
    command.add(stack.toString());
    command.addAll(args);
    long start = System.nanoTime();
    try {
      Files.createDirectories(log.getParent());
      note("$ ./stack " + String.join(" ", args));
      Process process =
          new ProcessBuilder(command)
              .directory(stack.getParent().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      boolean done = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      Result result = new Result(args, done ? process.exitValue() : -1, seconds(start), !done);
      note("  -> " + result.describe());
      return result;
    } catch (IOException e) {
      note("  -> could not run: " + e.getMessage());
      return new Result(args, -1, seconds(start), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(args, -1, seconds(start), false);
    }
  }

  /** A line of the harness in the same log, between the commands' own output. */
  synchronized void note(String line) {
    try {
      Files.writeString(
          log,
          LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss.SSS")) + " " + line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("chaos: cannot write " + log + ": " + e.getMessage());
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
