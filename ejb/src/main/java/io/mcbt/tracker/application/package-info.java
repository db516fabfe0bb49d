/** The tracker EJB, its settings, the whitelist of tracked torrents and seeder registrations. */
package io.mcbt.tracker.application;
