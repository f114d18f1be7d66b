package io.perfplane.launcher.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.perfplane.launcher.CommandLine;
import io.perfplane.launcher.ExitCodes;

/**
 * {@code perfplane down}: stops the stack recorded in {@code .perfplane/stack.json} by sending its {@code up} process
 * SIGTERM (which stops the services gracefully, then the broker and PostgreSQL), waits for it to exit and removes the
 * stack's files. Nothing running, or a stale file of a dead process, is not an error.
 */
public final class DownCommand {

  /**
   * How long {@code up} may take to stop: services stop within 20 s, or up to 75 s when they write their AOT caches
   * (the first start after a build), then the broker.
   */
  private static final Duration STOP = Duration.ofSeconds(150);

  private DownCommand() {
  }

  /**
   * @param args the arguments after {@code down} (none)
   * @param home the stack's files are under {@code <home>/.perfplane}
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Path home) {
    if (args.length > 0) {
      return CommandLine.usageError("down", "takes no arguments", UpCommand.USAGE, err);
    }
    Path workDir = home.toAbsolutePath().normalize().resolve(".perfplane");
    Optional<StackFile> recorded;
    try {
      recorded = StackFile.read(workDir);
    } catch (IllegalStateException e) {
      err.println("perfplane down: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    if (recorded.isEmpty()) {
      out.println("perfplane down: no stack recorded in " + workDir.resolve(StackFile.NAME));
      return ExitCodes.OK;
    }
    StackFile file = recorded.get();
    Optional<ProcessHandle> process = ProcessHandle.of(file.pid()).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      StackFile.remove(workDir);
      out.println("perfplane down: the recorded stack (pid " + file.pid() + ") was not running; removed its files");
      return ExitCodes.OK;
    }
    out.println("perfplane down: stopping the stack (pid " + file.pid() + ") ...");
    process.get().destroy();
    try {
      process.get().onExit().get(STOP.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      err.println("perfplane down: pid " + file.pid() + " still running after " + STOP.toSeconds()
          + " s; killing it (its services exit on their own once it is gone)");
      process.get().destroyForcibly();
    } catch (ExecutionException e) {
      err.println("perfplane down: " + e.getMessage());
      return ExitCodes.ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.INTERRUPTED;
    }
    StackFile.remove(workDir);
    out.println("perfplane down: stopped");
    return ExitCodes.OK;
  }
}
