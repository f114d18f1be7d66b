package io.perfplane.launcher.breaches;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.launcher.CommandLine;
import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.stack.RunningStack;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;

/**
 * {@code perfplane breaches [--run ID] [--follow] [--kafka BOOTSTRAP]}: reads {@code slo-breaches} from the beginning
 * (read_committed, no consumer group: nothing is committed, every call sees everything the topic still holds) and
 * prints each breach transition as a {@link BreachLine}. Without {@code --follow} it stops at the end offsets it saw
 * when it started; with it, it tails the topic until Ctrl-C.
 */
public final class BreachesCommand {

  /** Usage text, appended to the launcher's. */
  public static final String USAGE = """

      usage: perfplane breaches [--run ID] [--follow] [--kafka BOOTSTRAP]

        Prints SLO breaches (OPENED, RESOLVED) from the slo-breaches topic, one line each: time, state, run,
        SLO, endpoint, observed vs objective (docs/local-stack.md). Reads the running stack's broker (perfplane
        up) unless --kafka is given.

        --run ID           only this run's breaches
        --follow           keep printing new breaches until Ctrl-C (like kubectl logs -f)
        --kafka BOOTSTRAP  read this broker instead of the running stack's

      exit codes: 0 printed (none is fine), 1 error (no stack, broker unreachable), 2 usage, 130 Ctrl-C
      """;

  private static final Duration POLL = Duration.ofMillis(500);
  /** The topic's partitions, its end offsets: how long a broker may take to answer before we give up. */
  private static final Duration METADATA = Duration.ofSeconds(30);

  private BreachesCommand() {
  }

  record Options(@Nullable String runId, boolean follow, @Nullable String kafka) {
  }

  /**
   * @param args the arguments after {@code breaches}
   * @param home the running stack is looked up under {@code <home>/.perfplane}
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Path home) {
    CommandLine.Parsed<Options> parsed = CommandLine.parse("breaches", USAGE, out, err, () -> parse(args));
    Options options = parsed.options();
    if (options == null) {
      return parsed.exitCode();
    }
    String bootstrap = options.kafka();
    if (bootstrap == null) {
      Optional<RunningStack> stack;
      try {
        stack = RunningStack.find(home.toAbsolutePath().normalize().resolve(".perfplane"));
      } catch (IllegalStateException e) {
        err.println("perfplane breaches: " + e.getMessage());
        return ExitCodes.ERROR;
      }
      if (stack.isEmpty()) {
        err.println("perfplane breaches: no running stack (start one with `perfplane up`) and no --kafka");
        return ExitCodes.ERROR;
      }
      bootstrap = stack.get().kafka();
    }
    try (Consumer<String, SloBreach> consumer = Topics.SLO_BREACHES.consumer(config(bootstrap))) {
      return options.follow() ? follow(consumer, options.runId(), out) : untilEnd(consumer, options.runId(), out);
    } catch (org.apache.kafka.common.KafkaException e) {
      err.println("perfplane breaches: cannot read " + Topics.SLO_BREACHES.name() + " from " + bootstrap + ": "
          + e.getMessage());
      return ExitCodes.ERROR;
    }
  }

  static Map<String, Object> config(String bootstrap) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    // Only committed transactions: the analyzer publishes breaches exactly once, inside its transactions.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "perfplane-breaches-cli");
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) METADATA.toMillis());
    return config;
  }

  private static List<TopicPartition> assignFromBeginning(Consumer<String, SloBreach> consumer) {
    List<TopicPartition> partitions = consumer.partitionsFor(Topics.SLO_BREACHES.name(), METADATA).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return partitions;
  }

  /** Prints what the topic held when the command started (its read_committed end offsets), then returns. */
  private static int untilEnd(Consumer<String, SloBreach> consumer, @Nullable String runId, PrintStream out) {
    List<TopicPartition> partitions = assignFromBeginning(consumer);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA);
    while (partitions.stream().anyMatch(p -> consumer.position(p, METADATA) < ends.get(p))) {
      consumer.poll(POLL).forEach(record -> print(record, runId, out));
    }
    return ExitCodes.OK;
  }

  /** Prints everything, then every new breach as it comes, until Ctrl-C. */
  private static int follow(Consumer<String, SloBreach> consumer, @Nullable String runId, PrintStream out) {
    assignFromBeginning(consumer);
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      consumer.wakeup();
      try {
        done.await(5, TimeUnit.SECONDS); // let the loop close the consumer before the JVM halts
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "perfplane-breaches-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      while (true) {
        consumer.poll(POLL).forEach(record -> print(record, runId, out));
        out.flush();
      }
    } catch (WakeupException e) {
      return ExitCodes.INTERRUPTED;
    } finally {
      done.countDown();
    }
  }

  private static void print(ConsumerRecord<String, SloBreach> record, @Nullable String runId, PrintStream out) {
    SloBreach breach = record.value();
    // A tombstone (compaction) or another run's breach.
    if (breach != null && (runId == null || runId.equals(breach.getRunId()))) {
      out.println(BreachLine.format(breach));
    }
  }

  /** Parses the arguments after {@code breaches}; {@code null} means help was asked for. */
  static @Nullable Options parse(String[] args) {
    String runId = null;
    boolean follow = false;
    String kafka = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          return null;
        }
        case "--run" -> runId = value(args, ++i, "--run");
        case "--follow", "-f" -> follow = true;
        case "--kafka" -> kafka = value(args, ++i, "--kafka");
        default -> throw CommandLine.unknownOption(args[i]);
      }
    }
    return new Options(runId, follow, kafka);
  }

  private static String value(String[] args, int index, String name) {
    return CommandLine.value(args, index, name, "-");
  }
}
