package com.journeycoach.people;

import com.journeycoach.people.Audience;
import com.journeycoach.system.NotFoundException;
import java.time.Clock;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Prospects of distributors. Adding one starts their journey (see {@link ProspectAdded}). */
@Service
public class Prospects {

  /** What a distributor gives to add a prospect. */
  public record NewProspect(String distributorId, String firstName, String lastName, String email, String phone,
                            Audience audience, Personality personality) {

    public NewProspect(String distributorId, String firstName, String lastName, String email, String phone, Audience audience) {
      this(distributorId, firstName, lastName, email, phone, audience, null);
    }
  }

  /**
   * The condition for a distributor's open prospects (active or in nurture) in a query of
   * {@code prospect} as {@code alias}, with the distributor's id bound twice: as pairs, which H2 looks
   * up in the (distributor, status) index, where with {@code status IN (...)} it reads every prospect
   * the distributor ever had.
   */
  public static String openOf(String alias) {
    return "(" + alias + ".distributor_id, " + alias + ".status) IN ((?, 'ACTIVE'), (?, 'NURTURE'))";
  }

  private static final String COLUMNS = "id, distributor_id, first_name, last_name, email, phone, audience, personality, status,"
      + " created_at";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final JdbcTemplate batch;
  private final Distributors distributors;
  private final ApplicationEventPublisher events;

  public Prospects(JdbcClient jdbc, JdbcTemplate batch, Distributors distributors, ApplicationEventPublisher events, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.batch = batch;
    this.distributors = distributors;
    this.events = events;
  }

  /** A prospect of the past, as the simulated market's history writes them: no journey, no event. */
  public record PastProspect(String id, String distributorId, String firstName, Audience audience, Personality personality,
                             Prospect.Status status, Instant createdAt, Instant updatedAt) {
  }

  /**
   * Writes prospects of the past in one batch and counts them on their distributors, as {@link #add} does one
   * at a time. Their journeys are not started: they are history.
   */
  @Transactional
  public void addPast(List<PastProspect> past) {
    batch.batchUpdate("INSERT INTO prospect (id, distributor_id, first_name, audience, personality, status, created_at, updated_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", past.stream().map(p -> new Object[] {p.id(), p.distributorId(), p.firstName(),
        p.audience().name(), p.personality().name(), p.status().name(), Timestamp.from(p.createdAt()), Timestamp.from(p.updatedAt())})
        .toList());
    Map<String, Long> added = past.stream().collect(Collectors.groupingBy(PastProspect::distributorId, TreeMap::new,
        Collectors.counting()));
    batch.batchUpdate("UPDATE distributor SET prospects_added = prospects_added + ? WHERE id = ?",
        added.entrySet().stream().map(e -> new Object[] {e.getValue(), e.getKey()}).toList());
  }

  /** Adds a prospect and starts their journey. */
  @Transactional
  public Prospect add(NewProspect request) {
    return add(request, false);
  }

  /** Adds a prospect for a journey that is already running (a distributor started it in Tasklist). */
  @Transactional
  public Prospect addFromRunningJourney(NewProspect request) {
    return add(request, true);
  }

  private Prospect add(NewProspect request, boolean journeyAlreadyRunning) {
    String phone = PhoneNumbers.normalise("phone", request.phone()).orElse(null);
    Instant now = clock.instant();
    Prospect prospect = new Prospect(UUID.randomUUID().toString(), request.distributorId(), request.firstName(),
        request.lastName(), request.email(), phone, request.audience() == null ? Audience.PRODUCT_CUSTOMER : request.audience(),
        request.personality() == null ? Personality.UNKNOWN : request.personality(), Prospect.Status.ACTIVE, now);
    // the distributor's count of prospects added; no row counted means no such distributor
    if (jdbc.sql("UPDATE distributor SET prospects_added = prospects_added + 1 WHERE id = ?").param(request.distributorId())
        .update() == 0) {
      distributors.get(request.distributorId());
    }
    jdbc.sql("INSERT INTO prospect (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(prospect.id(), prospect.distributorId(), prospect.firstName(), prospect.lastName(), prospect.email(),
            prospect.phone(), prospect.audience().name(), prospect.personality().name(), prospect.status().name(),
            Timestamp.from(now), Timestamp.from(now))
        .update();
    events.publishEvent(new ProspectAdded(prospect, journeyAlreadyRunning));
    return prospect;
  }

  public Optional<Prospect> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM prospect WHERE id = ?").param(id)
        .query(Prospects::prospect)
        .optional();
  }

  public Prospect get(String id) {
    return find(id).orElseThrow(() -> new NotFoundException("No prospect '" + id + "'"));
  }

  public List<Prospect> ofDistributor(String distributorId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM prospect WHERE distributor_id = ? ORDER BY created_at, id").param(distributorId)
        .query(Prospects::prospect)
        .list();
  }

  private static Prospect prospect(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Prospect(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), Audience.valueOf(rs.getString(7)), Personality.ofStored(rs.getString(8)),
        Prospect.Status.valueOf(rs.getString(9)), rs.getTimestamp(10).toInstant());
  }


  /** The prospects whose journey is still going (active or in nurture), oldest first. */
  public List<Prospect> openOfDistributor(String distributorId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM prospect p WHERE " + openOf("p") + " ORDER BY created_at, id")
        .params(distributorId, distributorId)
        .query(Prospects::prospect).list();
  }

  /** Every distributor's open prospects (active or in nurture), for managers. */
  public List<Prospect> open() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM prospect WHERE status IN ('ACTIVE', 'NURTURE') ORDER BY created_at, id")
        .query(Prospects::prospect).list();
  }

  /** How many prospects the distributor has added (kept on their row as they are added). */
  public int countOfDistributor(String distributorId) {
    return jdbc.sql("SELECT prospects_added FROM distributor WHERE id = ?").param(distributorId).query(Integer.class).optional()
        .orElse(0);
  }

  /**
   * Changes the status and, when it is a change, publishes {@link ProspectStatusChanged} (the
   * forecast record and the onboarding journey hear of it); 404 for an unknown prospect.
   */
  public void changeStatus(String id, Prospect.Status status) {
    changeStatus(get(id), status);
  }

  /** The same for a prospect the caller has just read. */
  public void changeStatus(Prospect before, Prospect.Status status) {
    jdbc.sql("UPDATE prospect SET status = ?, updated_at = ? WHERE id = ?")
        .params(status.name(), Timestamp.from(clock.instant()), before.id()).update();
    if (before.status() != status) {
      events.publishEvent(new ProspectStatusChanged(before.withStatus(status), before.status()));
    }
  }
}
