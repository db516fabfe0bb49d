/**
 * One torrent being shared: which peers we are connected to, what they have, which blocks to ask
 * whom for (rarest first, BEP 3 custom), whom to serve (choking), and the tracker announces.
 */
package io.mcbt.peer.session;
