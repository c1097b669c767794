package com.journeycoach.people;

import com.journeycoach.system.InvalidInputException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;

/** Camunda's password policy (enable-password-policy), answered as a 400 naming each rule a password breaks. */
final class PasswordRules {

  private PasswordRules() {
  }

  /** Refuses a password the policy does not accept for this user, listing the rules it breaks ("password: length [10]"). */
  static void check(IdentityService identity, String password, User user) {
    PasswordPolicyResult policy = identity.checkPasswordAgainstPolicy(password, user);
    if (!policy.isValid()) {
      List<String> violated = policy.getViolatedRules().stream()
          .map(rule -> "password: " + rule.getPlaceholder().replace("PASSWORD_POLICY_", "").toLowerCase().replace('_', ' ')
              + (rule.getParameters() == null || rule.getParameters().isEmpty() ? "" : " " + rule.getParameters()))
          .toList();
      throw new InvalidInputException("The password does not meet the password policy", violated);
    }
  }
}
