package com.journeycoach.system;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** The user the REST authentication filter logged in for this request. */
@Component
public class CurrentUser {

  private final IdentityService identity;

  public CurrentUser(IdentityService identity) {
    this.identity = identity;
  }

  public String id() {
    return authentication().getUserId();
  }

  public boolean isIn(String... groupIds) {
    List<String> groups = authentication().getGroupIds();
    for (String groupId : groupIds) {
      if (groups != null && groups.contains(groupId)) {
        return true;
      }
    }
    return false;
  }

  /** Fails with 403 unless the user is in one of the groups. */
  public void require(String... groupIds) {
    if (!isIn(groupIds)) {
      throw new ForbiddenException("This needs membership of one of: " + String.join(", ", groupIds));
    }
  }

  private Authentication authentication() {
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null) {
      throw new ForbiddenException("No authenticated user");
    }
    return authentication;
  }
}
