/**
 * The BitTorrent tracker: who is in each swarm, and the announce and scrape answers built from it.
 *
 * <ul>
 *   <li>{@code swarm}: the in-memory swarm state and the announce core, pure Java with time passed
 *       in, shared by the HTTP and UDP adapters;
 *   <li>{@code application}: the tracker EJB that owns that state, its settings, the
 *       tracked-torrent whitelist and seeder registrations;
 *   <li>{@code infrastructure}: MongoDB for registrations and completed-download counts.
 * </ul>
 */
package io.mcbt.tracker;
