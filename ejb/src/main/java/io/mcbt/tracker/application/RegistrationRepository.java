package io.mcbt.tracker.application;

import java.util.List;

/** Where seeder registrations are kept, so that a restarted tracker knows them again. */
public interface RegistrationRepository {

  /** Stores a registration; the same torrent and seeder again only refreshes its time. */
  void save(SeederRegistration registration);

  List<SeederRegistration> all();
}
