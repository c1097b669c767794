package com.journeycoach.system;

import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;
import org.camunda.bpm.engine.impl.digest.PasswordManager;
import org.springframework.stereotype.Component;

/**
 * A user who has not set a password yet (an enrollee made from a prospect, until they follow their
 * welcome's link) is refused at login like a wrong password. Camunda's password check fails with an
 * error on a user without one, which the webapps and {@code /engine-rest} answered with 500.
 */
@Component
public class NoPasswordYet extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setPasswordManager(new Checked(configuration.getPasswordEncryptor(),
        configuration.getCustomPasswordChecker()));
  }

  /** Camunda's password manager, answering "no match" for a user without a stored password. */
  static final class Checked extends PasswordManager {

    Checked(PasswordEncryptor defaultEncryptor, List<PasswordEncryptor> customCheckers) {
      super(defaultEncryptor, customCheckers);
    }

    @Override
    public boolean check(String password, String encryptedPassword) {
      return encryptedPassword != null && super.check(password, encryptedPassword);
    }
  }
}
