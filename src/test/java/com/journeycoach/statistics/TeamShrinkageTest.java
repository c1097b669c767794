package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.journeycoach.statistics.TeamShrinkage.Flag;
import com.journeycoach.statistics.TeamShrinkage.Record;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A distributor's conversion shrunk toward the team's, its 90 % interval and flags. */
class TeamShrinkageTest {

  static final TeamShrinkage.Settings SETTINGS = new TeamShrinkage.Settings(20, 0.975);

  @Test
  void aTeamWithoutClosedJourneysGivesNoPrior() {
    assertThat(TeamShrinkage.of(List.of(), SETTINGS)).isEmpty();
    assertThat(TeamShrinkage.of(List.of(Record.NONE, Record.NONE), SETTINGS)).isEmpty();
  }

  @Test
  void aThinRecordStaysNearTheTeamAndIsNotFlagged() {
    TeamShrinkage team = TeamShrinkage.of(List.of(new Record(198, 48)), SETTINGS).orElseThrow();
    assertThat(team.teamRate()).isCloseTo(0.245, within(1e-9));
    // two lost journeys out of two: raw rate 0 %, shrunk to 22 %, within the team's reach
    TeamShrinkage.Assessment twoLost = team.assess(new Record(2, 0));
    assertThat(twoLost.mean()).isCloseTo(20 * 0.245 / 22, within(1e-9));
    assertThat(twoLost.lower()).isLessThan(twoLost.mean());
    assertThat(twoLost.upper()).isGreaterThan(team.teamRate());
    assertThat(twoLost.flag()).isEqualTo(Flag.NONE);
  }

  @Test
  void aLongRecordFarFromTheTeamIsFlaggedEitherWay() {
    TeamShrinkage team = TeamShrinkage.of(List.of(new Record(198, 48)), SETTINGS).orElseThrow();
    TeamShrinkage.Assessment none = team.assess(new Record(60, 0));
    assertThat(none.flag()).isEqualTo(Flag.STRUGGLING);
    assertThat(none.probabilityBelowTeam()).isGreaterThanOrEqualTo(0.975);
    assertThat(none.upper()).isLessThan(team.teamRate());
    TeamShrinkage.Assessment most = team.assess(new Record(40, 30));
    assertThat(most.flag()).isEqualTo(Flag.EXCELLING);
    assertThat(most.lower()).isGreaterThan(team.teamRate());
    assertThat(team.assess(new Record(40, 10)).flag()).isEqualTo(Flag.NONE);
  }
}
