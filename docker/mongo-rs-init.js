// Initiates the replica set rs0 of docker/compose.cluster.yaml once (run again, it changes
// nothing), then waits until it has a primary. Run by the mongo-init service with mongosh.
const config = {
  _id: 'rs0',
  members: [
    { _id: 0, host: 'mongo1:27017' },
    { _id: 1, host: 'mongo2:27017' },
    { _id: 2, host: 'mongo3:27017' },
  ],
};

try {
  rs.status();
  print('replica set rs0: already initiated');
} catch (e) {
  if (e.codeName !== 'NotYetInitialized') {
    throw e;
  }
  rs.initiate(config);
  print('replica set rs0: initiated');
}

for (let i = 0; i < 120; i++) {
  const primary = db.hello().primary;
  if (primary) {
    print('replica set rs0: primary ' + primary);
    quit(0);
  }
  sleep(1000);
}
print('replica set rs0: no primary after 120 s');
quit(1);
