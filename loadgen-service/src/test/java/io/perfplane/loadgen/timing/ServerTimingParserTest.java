package io.perfplane.loadgen.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ServerTimingParserTest {

  private final ServerTimings out = new ServerTimings();

  record Entry(String name, double durationMs) {
  }

  private List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      entries.add(new Entry(out.name(i), out.durationMs(i)));
    }
    return entries;
  }

  @Test
  void readsSeveralEntriesInHeaderOrder() {
    int skipped = ServerTimingParser.parse("db;dur=53, app;dur=47.2, cache;desc=\"Cache Read\";dur=23.2", out);

    assertThat(skipped).isZero();
    assertThat(entries()).containsExactly(new Entry("db", 53), new Entry("app", 47.2), new Entry("cache", 23.2));
  }

  @Test
  void aQuotedDescMayHoldCommasSemicolonsEqualsAndEscapedQuotes() {
    int skipped = ServerTimingParser.parse(
        "db;desc=\"SELECT a, b; c=1 \\\"quoted\\\", x\";dur=5,  render ; desc = \"a,b\" ; dur = 7.5 , edge;dur=0", out);

    assertThat(skipped).isZero();
    assertThat(entries()).containsExactly(new Entry("db", 5), new Entry("render", 7.5), new Entry("edge", 0));
  }

  @Test
  void entriesWithoutDurAreSkippedAndCountedApartFromMalformedOnes() {
    int skipped = ServerTimingParser.parse("missedCache, cpu;dur=2.4, cache;desc=\"hit\", db;dur=abc, x;dur=-1,"
        + " y;dur=, z;dur=1e3, w;dur=NaN", out);

    assertThat(entries()).containsExactly(new Entry("cpu", 2.4));
    assertThat(skipped).isEqualTo(7);
    assertThat(out.withoutDuration()).isEqualTo(2);
    assertThat(out.malformed()).isEqualTo(5);
  }

  @Test
  void aRepeatedParamCountsOnceTheFirstAndARepeatedNameIsAnEntryOfItsOwn() {
    ServerTimingParser.parse("db;dur=1;dur=2, db;DUR=3, db;dur=oops;dur=4", out);

    assertThat(entries()).containsExactly(new Entry("db", 1), new Entry("db", 3));
    assertThat(out.malformed()).as("the first dur decides, even malformed").isEqualTo(1);
  }

  @Test
  void unknownParamsAreIgnoredAndADurAsQuotedStringIsRead() {
    ServerTimingParser.parse("db;foo=bar;dur=\"12.5\";baz=\"q\", total;flag;dur=3", out);

    assertThat(entries()).containsExactly(new Entry("db", 12.5), new Entry("total", 3));
  }

  @Test
  void whitespaceAndEmptyListElementsAreAllowed() {
    int skipped = ServerTimingParser.parse(" \t,, db \t; \tdur\t=\t9 ,\t, app;dur=1 ,", out);

    assertThat(skipped).isZero();
    assertThat(entries()).containsExactly(new Entry("db", 9), new Entry("app", 1));
  }

  @Test
  void anEmptyHeaderHasNoEntries() {
    assertThat(ServerTimingParser.parse("", out)).isZero();
    assertThat(ServerTimingParser.parse("  ,  ", out)).isZero();
    assertThat(out.size()).isZero();
  }

  @Test
  void malformedEntriesAreSkippedUpToTheNextCommaAndTheRestIsRead() {
    int skipped = ServerTimingParser.parse("db dur=5, ;dur=1, a;=3, b;dur=2 junk, c;desc=\"x,y\" z;dur=4, ok;dur=6,"
        + " \"quoted\";dur=1, d;dur=7", out);

    assertThat(entries()).containsExactly(new Entry("ok", 6), new Entry("d", 7));
    assertThat(skipped).isEqualTo(6);
    assertThat(out.malformed()).isEqualTo(6);
  }

  @Test
  void anUnterminatedQuotedStringEndsTheValueWithoutThrowing() {
    int skipped = ServerTimingParser.parse("a;dur=1, b;desc=\"never closed, c;dur=2", out);

    assertThat(entries()).containsExactly(new Entry("a", 1));
    assertThat(skipped).isEqualTo(1);
  }

  @Test
  void repeatedHeaderLinesCombineIntoOneBuffer() {
    ServerTimingParser.parse("db;dur=1", out);
    ServerTimingParser.parse("app;dur=2, missed", out);

    assertThat(entries()).containsExactly(new Entry("db", 1), new Entry("app", 2));
    assertThat(out.withoutDuration()).isEqualTo(1);

    out.clear();
    assertThat(out.size()).isZero();
    assertThat(out.withoutDuration()).isZero();
    assertThatThrownBy(() -> out.name(0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void aVeryLongHeaderKeepsTheFirstEntriesUpToTheCapAndCountsTheRest() {
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      header.append("stage-").append(i).append(";desc=\"").append("d".repeat(20)).append("\";dur=").append(i)
          .append(".5, ");
    }

    int skipped = ServerTimingParser.parse(header.toString(), out);

    assertThat(out.size()).isEqualTo(ServerTimings.MAX_ENTRIES);
    assertThat(skipped).isEqualTo(10_000 - ServerTimings.MAX_ENTRIES);
    assertThat(out.name(63)).isEqualTo("stage-63");
    assertThat(out.durationMs(63)).isEqualTo(63.5);
  }

  @Test
  void namesCompareWithoutAllocating() {
    ServerTimingParser.parse("db;dur=1, dbx;dur=2", out);

    assertThat(out.nameEquals(0, "db")).isTrue();
    assertThat(out.nameEquals(1, "db")).isFalse();
    assertThat(out.nameEquals(0, "DB")).isFalse();
  }

  @Test
  void neverThrowsOnRandomInput() {
    Random random = new Random(21);
    String alphabet = "ab;=,\" \t\\.0123456789dur";
    for (int round = 0; round < 20_000; round++) {
      StringBuilder value = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      out.clear();
      int skipped = ServerTimingParser.parse(value.toString(), out);
      assertThat(skipped).as(value.toString()).isEqualTo(out.withoutDuration() + out.malformed());
      for (int i = 0; i < out.size(); i++) {
        assertThat(out.durationMs(i)).as(value.toString()).isNotNegative().isFinite();
        assertThat(out.name(i)).as(value.toString()).isNotEmpty();
      }
    }
  }
}
