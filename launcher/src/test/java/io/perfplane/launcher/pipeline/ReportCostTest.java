package io.perfplane.launcher.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The saved report gets the cost section, before its footer, escaped, with ranges and what they were sized from. */
class ReportCostTest {

  private final JsonMapper json = JsonMapper.builder().build();
  private final JsonNode estimates = json.readTree("""
      [{"scenario":"1k-users","monthlyUsers":1000,"peakRps":7.5,"catalogVersion":"r3","monthlyUsd":"219",
        "capacityKind":"LOWER_BOUND","monthlyUsdLow":"160","monthlyUsdHigh":"219",
        "strategies":[{"strategy":"on-demand","monthlyUsd":"219","capacityKind":"LOWER_BOUND",
                       "monthlyUsdLow":"160","monthlyUsdHigh":"219"},
                      {"strategy":"<b>spot</b>","monthlyUsd":"180.5","capacityKind":"LOWER_BOUND",
                       "monthlyUsdLow":null,"monthlyUsdHigh":null}]},
       {"scenario":"10k-users","monthlyUsers":10000,"peakRps":75,"catalogVersion":"r3","monthlyUsd":"651.823743",
        "capacityKind":"KNEE","strategies":[]}]""");

  @Test
  void insertsTheCostTableBeforeTheFooter() {
    String html = ReportCost.insert("<html><body><main><section>run</section><footer>f</footer></main></body></html>",
        estimates);

    assertThat(html).containsSubsequence("<section>run</section>", "<section id=\"cost\">", "1k-users", "1,000",
        "7.5", "on-demand", "$219.00", "$160.00 – $219.00", "a lower bound (not saturated): at most this",
        "&lt;b&gt;spot&lt;/b&gt;", "$180.50", "–", "10k-users", "10,000", "$651.82", "the capacity knee",
        "catalog r3", "<footer>f</footer>");
    assertThat(html).doesNotContain("<b>spot</b>");
  }

  @Test
  void noEstimatesLeaveTheReportAsItIs() {
    assertThat(ReportCost.insert("<main><footer>f</footer></main>", json.readTree("[]")))
        .isEqualTo("<main><footer>f</footer></main>");
  }
}
