package com.journeycoach;

import com.journeycoach.people.Distributors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Creates users for tests; the passwords satisfy Camunda's password policy. */
public final class TestUsers {

  public static final String PASSWORD = "Secret-Phrase-42";
  public static final String ADMIN_PASSWORD = "Test-Secret-Phrase-1";

  private TestUsers() {
  }

  /** A Camunda user in the given groups (a manager, a process owner, an integrator). */
  public static void ensure(IdentityService identity, String userId, String... groupIds) {
    if (identity.createUserQuery().userId(userId).count() == 0) {
      User user = identity.newUser(userId);
      user.setFirstName(userId);
      user.setLastName("Tester");
      user.setPassword(PASSWORD);
      identity.saveUser(user);
      for (String groupId : groupIds) {
        identity.createMembership(userId, groupId);
      }
    }
  }

  /** A registered distributor (and so a Camunda user in distributors), with an optional sponsor. */
  public static void ensureDistributor(Distributors distributors, String id, String sponsorId) {
    if (distributors.find(id).isEmpty()) {
      distributors.register(new Distributors.Registration(id, id, "Tester", id + "@example.com", null, "Europe/Berlin",
          sponsorId, false, null, null, null, PASSWORD));
    }
  }
}
