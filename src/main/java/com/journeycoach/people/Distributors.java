package com.journeycoach.people;

import com.journeycoach.system.ConflictException;
import com.journeycoach.system.EngineAsApplication;
import com.journeycoach.system.EngineText;
import com.journeycoach.system.Groups;
import com.journeycoach.system.InvalidInputException;
import com.journeycoach.system.NotFoundException;
import java.time.Clock;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Distributors, each also a Camunda user in {@code distributors}; a sponsor joins {@code sponsors}. */
@Service
public class Distributors {

  /** What a manager gives to register a distributor. */
  public record Registration(String id, String firstName, String lastName, String email, String phone, String timeZone,
                             String sponsorId, boolean experienced, Personality personality, Set<String> trainedProducts,
                             String preferredChannel, String password) {
  }

  private static final String COLUMNS = "id, first_name, last_name, email, phone, time_zone, sponsor_id, experienced, personality,"
      + " trained_products, preferred_channel, created_at";

  /** The last name of a distributor who gave none (an enrollee from a prospect without one): the column needs a value. */
  public static final String NO_LAST_NAME = "-";

  /** The length of the trained_products column. */
  static final int MAX_PRODUCTS_LENGTH = 1000;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final IdentityService identity;
  private final EngineAsApplication engine;
  private final ApplicationEventPublisher events;

  public Distributors(JdbcClient jdbc, IdentityService identity, EngineAsApplication engine, ApplicationEventPublisher events, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.identity = identity;
    this.engine = engine;
    this.events = events;
  }

  /** Adds products the distributor has now trained on. */
  public void addTrainedProducts(String id, java.util.Collection<String> products) {
    Set<String> all = new TreeSet<>(get(id).trainedProducts());
    all.addAll(products);
    jdbc.sql("UPDATE distributor SET trained_products = ? WHERE id = ?")
        .params(all.isEmpty() ? null : String.join(",", all), id).update();
  }

  /**
   * Adds journeys to a distributor's forecast record (running sums on their row): how many closed, the sum of
   * their last close estimates, how many converted. Negative numbers take back a journey that reopened.
   */
  public void addToForecastRecord(String distributorId, int closed, long closeEstimateSum, int converted) {
    jdbc.sql("UPDATE distributor SET closed_journeys = closed_journeys + ?, close_estimate_sum = close_estimate_sum + ?,"
            + " converted_journeys = converted_journeys + ? WHERE id = ?")
        .params(closed, closeEstimateSum, converted, distributorId).update();
  }

  public Optional<Distributor> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM distributor WHERE id = ?").param(id)
        .query((rs, i) -> new Distributor(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getBoolean(8),
            rs.getString(9) == null ? null : Personality.valueOf(rs.getString(9)), products(rs.getString(10)),
            rs.getString(11), rs.getTimestamp(12).toInstant()))
        .optional();
  }

  public Distributor get(String id) {
    return find(id).orElseThrow(() -> new NotFoundException("No distributor '" + id + "'"));
  }

  /**
   * Registers a distributor and their Camunda user. The phone number is checked now, so a reminder
   * never fails on it later; the time zone comes from the request, else from the phone number.
   */
  @Transactional
  public Distributor register(Registration registration) {
    if (find(registration.id()).isPresent()
        || engine.call(() -> identity.createUserQuery().userId(registration.id()).count()) > 0) {
      throw new ConflictException("A user '" + registration.id() + "' already exists");
    }
    Optional<String> phone = PhoneNumbers.normalise("phone", registration.phone());
    String timeZone = timeZone(registration.timeZone(), phone);
    if (registration.sponsorId() != null) {
      if (find(registration.sponsorId()).isEmpty()) {
        throw new InvalidInputException("Sponsor '" + registration.sponsorId() + "' is not a registered distributor",
            List.of("sponsorId: unknown distributor"));
      }
    }
    if (registration.trainedProducts() != null) {
      // stored comma-separated in a column of 1000 characters
      if (registration.trainedProducts().stream().anyMatch(product -> product.contains(","))) {
        throw new InvalidInputException("A trained product may not contain a comma", List.of("trainedProducts: no commas in an entry"));
      }
      if (String.join(",", registration.trainedProducts()).length() > MAX_PRODUCTS_LENGTH) {
        throw new InvalidInputException("Too many trained products", List.of("trainedProducts: at most " + MAX_PRODUCTS_LENGTH
            + " characters together"));
      }
    }
    Instant now = clock.instant();
    String channel = registration.preferredChannel() == null ? null : registration.preferredChannel().strip().toUpperCase();
    if (channel != null && !channel.equals("SMS") && !channel.equals("EMAIL")) {
      throw new InvalidInputException("The preferred channel must be SMS or EMAIL", List.of("preferredChannel: SMS or EMAIL"));
    }
    jdbc.sql("INSERT INTO distributor (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(registration.id(), registration.firstName(), registration.lastName(), registration.email(), phone.orElse(null),
            timeZone, registration.sponsorId(), registration.experienced(),
            registration.personality() == null ? null : registration.personality().name(),
            registration.trainedProducts() == null || registration.trainedProducts().isEmpty() ? null
                : String.join(",", new TreeSet<>(registration.trainedProducts())),
            channel, Timestamp.from(now))
        .update();

    // the API has checked the caller is a manager; the Camunda user is the registration's consequence
    engine.call(() -> {
      createUser(registration);
      return null;
    });
    Distributor distributor = get(registration.id());
    events.publishEvent(new DistributorRegistered(distributor));
    return distributor;
  }

  private void createUser(Registration registration) {
    User user = identity.newUser(registration.id());
    // Camunda's user table is utf8 on MySQL: its copy of the name has no emoji; the distributor table keeps them
    user.setFirstName(EngineText.storable(registration.firstName()));
    // no placeholder in Camunda: its password policy refuses a password containing the last name, so "-" would refuse them all
    user.setLastName(NO_LAST_NAME.equals(registration.lastName()) ? null : EngineText.storable(registration.lastName()));
    user.setEmail(registration.email());
    user.setPassword(registration.password());
    if (registration.password() != null) {
      PasswordRules.check(identity, registration.password(), user);
    }
    identity.saveUser(user);
    identity.createMembership(registration.id(), Groups.DISTRIBUTORS);
    if (registration.sponsorId() != null
        && identity.createGroupQuery().groupMember(registration.sponsorId()).groupId(Groups.SPONSORS).count() == 0) {
      identity.createMembership(registration.sponsorId(), Groups.SPONSORS);
    }
  }

  /** The trained products as stored: comma-separated. */
  public static Set<String> products(String joined) {
    return joined == null || joined.isBlank() ? Set.of() : Set.of(joined.split(","));
  }

  private static String timeZone(String requested, Optional<String> phone) {
    if (requested != null && !requested.isBlank()) {
      try {
        return ZoneId.of(requested.strip()).getId();
      } catch (DateTimeException e) {
        throw new InvalidInputException("'" + requested + "' is not a time zone such as Europe/Berlin",
            List.of("timeZone: unknown time zone"));
      }
    }
    return phone.flatMap(PhoneNumbers::timeZoneOf).orElse("UTC");
  }
}
