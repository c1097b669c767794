package com.journeycoach.people;

import com.journeycoach.system.EngineAsApplication;
import com.journeycoach.system.Groups;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

/**
 * The members of Camunda's group {@code managers}, as people a nudge reaches. A manager is a Camunda
 * user (created in Camunda Admin), often without a distributor profile: their user gives the name and
 * the email address.
 */
@Service
public class Managers {

  /** A manager as their Camunda user describes them; {@code email} is null when the user has none. */
  public record Manager(String id, String firstName, String email) {
  }

  private final IdentityService identity;
  private final EngineAsApplication engine;

  public Managers(IdentityService identity, EngineAsApplication engine) {
    this.identity = identity;
    this.engine = engine;
  }

  /** Every member of {@code managers}, by id. */
  public List<String> memberIds() {
    return engine.call(() -> identity.createUserQuery().memberOfGroup(Groups.MANAGERS).orderByUserId().asc().list())
        .stream().map(User::getId).toList();
  }

  /** The manager with this id, if they are (still) a member of {@code managers}. */
  public Optional<Manager> find(String id) {
    User user = engine.call(() -> identity.createUserQuery().userId(id).memberOfGroup(Groups.MANAGERS).singleResult());
    if (user == null) {
      return Optional.empty();
    }
    String email = user.getEmail() == null || user.getEmail().isBlank() ? null : user.getEmail().strip();
    return Optional.of(new Manager(user.getId(), user.getFirstName(), email));
  }
}
