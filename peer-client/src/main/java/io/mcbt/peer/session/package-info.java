/**
 * One torrent being shared: which peers we are connected to ({@link io.mcbt.peer.session.Swarm}),
 * what they have and which blocks to ask whom for (rarest first, BEP 3 custom; {@link
 * io.mcbt.peer.session.Downloads}), what we serve and to whom ({@link
 * io.mcbt.peer.session.Uploads}, {@link io.mcbt.peer.session.Choker}), the fast extension (BEP 6),
 * the extension protocol with the info dictionary served to magnet links (BEP 10 and 9; {@link
 * io.mcbt.peer.session.Extensions}), the metadata of a magnet link fetched from peers before a
 * session starts ({@link io.mcbt.peer.session.MetadataFetch}), and the tracker announces.
 */
package io.mcbt.peer.session;
