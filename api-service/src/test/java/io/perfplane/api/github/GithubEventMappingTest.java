package io.perfplane.api.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.perfplane.api.activity.ActivityKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class GithubEventMappingTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant AT = Instant.parse("2026-10-30T08:15:00Z");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "PushEvent                     | {\"ref\": \"refs/heads/dev\", \"size\": 1}          | PUSH         | Pushed 1 commit to dev",
      "PushEvent                     | {\"ref\": \"refs/heads/main\"}                       | PUSH         | Pushed to main",
      "PullRequestEvent              | {\"action\": \"closed\", \"number\": 7}              | PULL_REQUEST | Closed pull request #7",
      "PullRequestReviewEvent        | {\"pull_request\": {\"number\": 9}}                  | REVIEW       | Reviewed pull request #9",
      "IssuesEvent                   | {\"action\": \"reopened\", \"issue\": {\"number\": 3}} | ISSUE        | Reopened issue #3",
      "IssueCommentEvent             | {\"issue\": {\"number\": 12}}                        | COMMENT      | Commented on #12",
      "PullRequestReviewCommentEvent | {}                                                   | COMMENT      | Commented on"})
  void mapsActivityEvents(String type, String payload, ActivityKind kind, String title) {
    GithubEvent event = new GithubEvent("42", type, new GithubEvent.Repo("octo/app"), JSON.readTree(payload), AT);

    assertThat(GithubEventMapping.toActivity(event))
        .contains(new SyncedActivity("42", kind, "octo/app", title, AT));
  }

  @Test
  void skipsEventsThatAreNoActivityKind() {
    GithubEvent star = new GithubEvent("1", "WatchEvent", new GithubEvent.Repo("octo/app"), null, AT);

    assertThat(GithubEventMapping.toActivity(star)).isEmpty();
  }

  @Test
  void toleratesAMissingPayload() {
    GithubEvent push = new GithubEvent("2", "PushEvent", new GithubEvent.Repo("octo/app"), null, AT);

    assertThat(GithubEventMapping.toActivity(push)).map(SyncedActivity::title).contains("Pushed");
  }
}
