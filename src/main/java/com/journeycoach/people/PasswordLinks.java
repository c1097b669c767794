package com.journeycoach.people;

import com.journeycoach.system.EngineAsApplication;
import com.journeycoach.system.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-time links to set a password, for a distributor enrolled from a prospect (who has none). The
 * token goes out in the welcome message only; the table keeps its SHA-256. A link works once, until
 * {@code journey.password-links.lifetime} after it was issued; setting a password through one ends
 * every other link of that user.
 */
@Service
public class PasswordLinks {

  /** The page behind the link; the token follows after {@code #}, so it never reaches a server log. */
  public static final String PATH = "/welcome/password";

  private static final SecureRandom RANDOM = new SecureRandom();
  /** 32 random bytes, base64url without padding. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  static final int MAX_PASSWORD_LENGTH = 128;

  private final JdbcClient jdbc;
  private final IdentityService identity;
  private final EngineAsApplication engine;
  private final PasswordLinkProperties properties;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  public PasswordLinks(JdbcClient jdbc, IdentityService identity, EngineAsApplication engine, PasswordLinkProperties properties,
                       PlatformTransactionManager transactions, Clock clock) {
    this.jdbc = jdbc;
    this.identity = identity;
    this.engine = engine;
    this.properties = properties;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Whether this Camunda user exists and has no password yet (a distributor enrolled from a prospect). */
  public boolean needsPassword(String userId) {
    User user = engine.call(() -> identity.createUserQuery().userId(userId).singleResult());
    return user instanceof UserEntity entity && entity.getPassword() == null;
  }

  /**
   * A new link's token for this user. Committed at once, in a transaction of its own: the message that
   * carries it may reach the person even if the step sending it fails afterwards.
   */
  public String issue(String userId) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Instant now = clock.instant();
    ownTransaction.executeWithoutResult(tx -> jdbc.sql(
            "INSERT INTO password_link (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
        .params(hash(token), userId, Timestamp.from(now), Timestamp.from(now.plus(properties.lifetime()))).update());
    return token;
  }

  /**
   * Sets the password of the link's user and uses the link up; answers the user's id. Refused with a
   * 400 naming the field: a token that is missing, unknown, used or expired ({@code token}), a password
   * the policy refuses ({@code password}, with its rules) or that differs from its repetition
   * ({@code passwordAgain}). A refused password leaves the link working.
   */
  @Transactional
  public String redeem(String token, String password, String passwordAgain) {
    List<String> errors = new ArrayList<>();
    if (token == null || !TOKEN.matcher(token).matches()) {
      errors.add("token: not a link to set a password (copy the whole link from the message)");
    }
    if (password == null || password.isEmpty()) {
      errors.add("password: required");
    } else if (password.length() > MAX_PASSWORD_LENGTH) {
      errors.add("password: at most " + MAX_PASSWORD_LENGTH + " characters");
    } else if (passwordAgain != null && !passwordAgain.equals(password)) {
      errors.add("passwordAgain: differs from the password");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("The password could not be set", errors);
    }
    String tokenHash = hash(token);
    Instant now = clock.instant();
    Link link = find(tokenHash).orElseThrow(() -> refused("token: not a link to set a password"));
    if (link.usedAt() != null) {
      throw refused("token: this link was used already; log in with the password you set, or ask your sponsor for help");
    }
    if (!link.expiresAt().isAfter(now)) {
      throw refused("token: this link has expired; ask your sponsor or a manager for a new one");
    }
    User user = engine.call(() -> identity.createUserQuery().userId(link.userId()).singleResult());
    if (user == null) {
      throw refused("token: not a link to set a password");
    }
    PasswordRules.check(identity, password, user);
    // compare-and-set: of two requests with the same link, one sets the password
    int used = jdbc.sql("UPDATE password_link SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
        .params(Timestamp.from(now), tokenHash, Timestamp.from(now)).update();
    if (used != 1) {
      throw refused("token: this link was used already; log in with the password you set, or ask your sponsor for help");
    }
    jdbc.sql("UPDATE password_link SET used_at = ? WHERE user_id = ? AND used_at IS NULL")
        .params(Timestamp.from(now), link.userId()).update();
    engine.call(() -> {
      user.setPassword(password);
      identity.saveUser(user);
      return null;
    });
    return link.userId();
  }

  private record Link(String userId, Instant expiresAt, Instant usedAt) {
  }

  private Optional<Link> find(String tokenHash) {
    return jdbc.sql("SELECT user_id, expires_at, used_at FROM password_link WHERE token_hash = ?").param(tokenHash)
        .query((rs, i) -> new Link(rs.getString(1), rs.getTimestamp(2).toInstant(),
            rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
        .optional();
  }

  private static InvalidInputException refused(String error) {
    return new InvalidInputException("The password could not be set", List.of(error));
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
