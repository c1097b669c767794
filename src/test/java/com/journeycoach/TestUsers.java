package com.journeycoach;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Creates Camunda users for tests; the passwords satisfy Camunda's password policy. */
public final class TestUsers {

  public static final String PASSWORD = "Secret-Phrase-42";
  public static final String ADMIN_PASSWORD = "Test-Secret-Phrase-1";

  private TestUsers() {
  }

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
}
