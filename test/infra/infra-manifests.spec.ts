import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PLATFORM_INTEGRATION } from '../../libs/integration-events/src/platform-mapping.js';

// js-yaml comes with jest and @nestjs/swagger; version 3 has safeLoadAll, 4+ a safe loadAll.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- it has no types here, and the version found decides the function
const yaml = require('js-yaml') as { safeLoadAll?: (text: string) => unknown[]; loadAll: (text: string) => unknown[] };
const loadAll = (text: string) => (yaml.safeLoadAll ?? yaml.loadAll)(text);

const ROOT = path.join(__dirname, '../..');
const INFRA = path.join(ROOT, 'infra');
const K8S = path.join(INFRA, 'k8s');

/** A parsed YAML document: its shape is what the tests check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are walked field by field, any shape
type Doc = Record<string, any>;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

const load = (file: string) => loadAll(readFileSync(file, 'utf8')).filter((d) => d !== null && d !== undefined) as Doc[];
const manifests = readdirSync(K8S)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => load(path.join(K8S, f)).map((doc) => ({ file: f, doc })));
const applied = manifests.filter((m) => m.file !== 'secrets.example.yaml' && m.file !== 'kustomization.yaml').map((m) => m.doc);
const find = (kind: string, name: string) => {
  const found = applied.find((d) => d.kind === kind && d.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in infra/k8s`);
  return found;
};
const containersOf = (doc: Doc): Doc[] => doc.spec.template.spec.containers;
const envOf = (container: Doc): Record<string, Doc> => Object.fromEntries((container.env ?? []).map((e: Doc) => [e.name, e]));
const workloads = applied.filter((d) => ['Deployment', 'StatefulSet', 'Job'].includes(d.kind));
/** Kinds that belong to no namespace. */
const CLUSTER_SCOPED = ['Namespace', 'ClusterRole', 'ClusterRoleBinding'];

describe('infra: every YAML file parses', () => {
  it('parses each file under infra/ into mapping documents', () => {
    const files = yamlFiles(INFRA);
    expect(files.map((f) => path.relative(INFRA, f)).sort()).toEqual(
      expect.arrayContaining(['compose.dev.yaml', 'compose.production.yaml', 'k8s/kustomization.yaml', 'k8s/platform.yaml']),
    );
    for (const file of files) {
      const docs = load(file);
      expect(docs.length).toBeGreaterThan(0);
      for (const doc of docs) expect(typeof doc).toBe('object');
    }
  });
});

describe('infra: Kubernetes manifests', () => {
  it('names every object, in the pcm namespace, and kustomization applies every manifest but the secrets example', () => {
    for (const { file, doc } of manifests) {
      if (file === 'kustomization.yaml') continue;
      expect({ file, apiVersion: typeof doc.apiVersion, kind: typeof doc.kind, name: typeof doc.metadata?.name }).toEqual({
        file,
        apiVersion: 'string',
        kind: 'string',
        name: 'string',
      });
      if (!CLUSTER_SCOPED.includes(doc.kind))
        expect({ file, name: doc.metadata.name, namespace: doc.metadata.namespace }).toEqual({
          file,
          name: doc.metadata.name,
          namespace: 'pcm',
        });
      else expect({ file, kind: doc.kind, namespace: doc.metadata.namespace }).toEqual({ file, kind: doc.kind, namespace: undefined });
    }
    const kustomization = load(path.join(K8S, 'kustomization.yaml'))[0]!;
    const files = readdirSync(K8S).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml' && f !== 'secrets.example.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('runs a 3-node KurrentDB cluster, Kafka in KRaft mode with 3 controllers and 3 brokers, and PostgreSQL with a read replica', () => {
    const kurrent = find('StatefulSet', 'kurrentdb');
    expect(kurrent.spec.replicas).toBe(3);
    expect(envOf(containersOf(kurrent)[0]!).KURRENTDB_CLUSTER_SIZE!.value).toBe('3');
    expect(find('PodDisruptionBudget', 'kurrentdb').spec.minAvailable).toBe(2);

    const controllers = find('StatefulSet', 'kafka-controller');
    const brokers = find('StatefulSet', 'kafka');
    expect([controllers.spec.replicas, brokers.spec.replicas]).toEqual([3, 3]);
    expect(envOf(containersOf(controllers)[0]!).KAFKA_PROCESS_ROLES!.value).toBe('controller');
    expect(envOf(containersOf(brokers)[0]!).KAFKA_PROCESS_ROLES!.value).toBe('broker');
    expect(envOf(containersOf(brokers)[0]!).KAFKA_MIN_INSYNC_REPLICAS!.value).toBe('2');
    const voters = String(find('ConfigMap', 'kafka-config').data.KAFKA_CONTROLLER_QUORUM_VOTERS).split(',');
    expect(voters.map((v) => v.split('@')[0])).toEqual(['1', '2', '3']);
    for (const voter of voters) expect(voter).toMatch(/@kafka-controller-\d\.kafka-controllers\.pcm\.svc\.cluster\.local:9093$/);

    expect(find('StatefulSet', 'postgres-primary').spec.replicas).toBe(1);
    expect(find('StatefulSet', 'postgres-replica').spec.template.spec.containers[0].command.join(' ')).toContain('start-replica.sh');
    expect(find('ConfigMap', 'postgres-scripts').data['start-replica.sh']).toContain('pg_basebackup');
    expect(find('Service', 'postgres-replica').spec.selector['pcm/role']).toBe('replica');
  });

  it('deploys api, projector and relay separately, each running its own app with health and readiness probes', () => {
    for (const [name, minimum] of [
      ['api', 3],
      ['projector', 2],
      ['relay', 2],
    ] as const) {
      const deployment = find('Deployment', name);
      expect(deployment.spec.replicas).toBeGreaterThanOrEqual(minimum);
      const [container] = containersOf(deployment);
      expect(container!.command).toEqual(['node', `dist/apps/${name}/src/main.js`]);
      expect(existsSync(path.join(ROOT, `apps/${name}/src/main.ts`))).toBe(true);
      expect(container!.readinessProbe.httpGet).toMatchObject({ path: '/health' });
      expect(container!.livenessProbe).toBeDefined();
      expect(find('ConfigMap', 'pcm-config').data.PORT).toBe(String(container!.ports[0].containerPort));
    }
    expect(find('HorizontalPodAutoscaler', 'api').spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'api' });
    expect(readFileSync(path.join(ROOT, 'apps/api/src/health/health.controller.ts'), 'utf8')).toContain("@Controller('health')");
  });

  it('serves /metrics of api and projector on 127.0.0.1 only, to Prometheus through an authenticating sidecar', () => {
    const service = find('Service', 'api');
    for (const [name, port] of [
      ['api', '9464'],
      ['projector', '9465'],
    ] as const) {
      const pod = find('Deployment', name).spec.template;
      const [app, proxy, ...more] = pod.spec.containers as Doc[];
      expect(more).toEqual([]);
      // The app listens for metrics on loopback: the port is not declared, nor in a Service.
      expect(envOf(app!).METRICS_PORT!.value).toBe(port);
      expect(app!.ports.map((p: Doc) => p.containerPort)).toEqual([3000]);
      expect(proxy!.name).toBe('metrics-proxy');
      expect(proxy!.image).toMatch(/^quay\.io\/brancz\/kube-rbac-proxy:v\d+\.\d+\.\d+/);
      expect(proxy!.args).toEqual(
        expect.arrayContaining(['--secure-listen-address=0.0.0.0:9443', `--upstream=http://127.0.0.1:${port}/`, '--allow-paths=/metrics']),
      );
      expect(pod.metadata.annotations).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/scheme': 'https',
        'prometheus.io/port': String(proxy!.ports[0].containerPort),
        'prometheus.io/path': '/metrics',
      });
      // Only the sidecar holds a Kubernetes token, of the account allowed to review tokens.
      expect(pod.spec.automountServiceAccountToken).toBe(false);
      expect(pod.spec.serviceAccountName).toBe('pcm-metrics-proxy');
      expect(JSON.stringify(app!.volumeMounts)).not.toContain('metrics-proxy-token');
      expect(proxy!.volumeMounts).toEqual([
        { name: 'metrics-proxy-token', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
      ]);
    }
    expect(service.spec.ports.map((p: Doc) => p.targetPort)).toEqual(['http']);
    expect(find('ServiceAccount', 'pcm-metrics-proxy').automountServiceAccountToken).toBe(false);
    expect(find('ClusterRoleBinding', 'pcm-metrics-proxy')).toMatchObject({
      roleRef: { name: 'system:auth-delegator' },
      subjects: [{ kind: 'ServiceAccount', name: 'pcm-metrics-proxy', namespace: 'pcm' }],
    });
    expect(find('ClusterRole', 'pcm-metrics-reader').rules).toEqual([{ nonResourceURLs: ['/metrics'], verbs: ['get'] }]);
    // The same ports as the processes' own defaults, so the manifests and the code agree.
    expect(readFileSync(path.join(ROOT, 'libs/config/src/config.ts'), 'utf8')).toContain('API_METRICS_PORT = 9464');
    expect(readFileSync(path.join(ROOT, 'apps/projector/src/projector.ts'), 'utf8')).toContain('PROJECTOR_METRICS_PORT = 9465');
  });

  it('takes keys from Secrets only: MASTER_KEY for api and projector, never for the relay, and no secret in a ConfigMap', () => {
    const secrets = load(path.join(K8S, 'secrets.example.yaml'));
    const secretKeys = new Set(secrets.flatMap((s) => Object.keys(s.stringData).map((k) => `${s.metadata.name}/${k}`)));
    for (const workload of workloads) {
      for (const container of containersOf(workload)) {
        for (const env of container.env ?? []) {
          const ref = env.valueFrom?.secretKeyRef;
          if (ref) expect(secretKeys).toContain(`${ref.name}/${ref.key}`);
        }
      }
    }
    for (const name of ['api', 'projector'])
      expect(envOf(containersOf(find('Deployment', name))[0]!).MASTER_KEY!.valueFrom.secretKeyRef.name).toBe('pcm-app-secrets');
    const relay = containersOf(find('Deployment', 'relay'))[0]!;
    expect(JSON.stringify(relay)).not.toMatch(/MASTER_KEY|pcm-app-secrets|AUDIT_SIGNING_KEY/);
    for (const map of applied.filter((d) => d.kind === 'ConfigMap')) {
      for (const key of Object.keys(map.data))
        expect(`${map.metadata.name}/${key}`).not.toMatch(/MASTER_KEY|PASSWORD|SECRET|SIGNING|DATABASE_URL|KURRENTDB_URL/);
    }
  });

  it('provisions exactly the topics the relay publishes to', () => {
    const job = find('Job', 'kafka-topics');
    expect(
      String(envOf(containersOf(job)[0]!).TOPICS!.value)
        .split(' ')
        .sort(),
    ).toEqual(PLATFORM_INTEGRATION.topics());
    const script = readFileSync(path.join(INFRA, 'kafka/create-topics.sh'), 'utf8');
    expect(/for topic in ([^;]+);/.exec(script)![1]!.trim().split(/\s+/).sort()).toEqual(PLATFORM_INTEGRATION.topics());
  });

  it('meets the restricted pod security standard the namespace enforces', () => {
    expect(find('Namespace', 'pcm').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    for (const workload of workloads) {
      const pod = workload.spec.template.spec;
      expect({
        name: workload.metadata.name,
        runAsNonRoot: pod.securityContext?.runAsNonRoot,
        seccomp: pod.securityContext?.seccompProfile?.type,
      }).toEqual({ name: workload.metadata.name, runAsNonRoot: true, seccomp: 'RuntimeDefault' });
      for (const container of pod.containers) {
        expect({
          name: workload.metadata.name,
          escalation: container.securityContext?.allowPrivilegeEscalation,
          drop: container.securityContext?.capabilities?.drop,
        }).toEqual({ name: workload.metadata.name, escalation: false, drop: ['ALL'] });
      }
    }
  });
});

describe('infra: the production compose file', () => {
  const compose = load(path.join(INFRA, 'compose.production.yaml'))[0]!;
  const services = compose.services as Record<string, Doc>;

  it('has the same layout: 3 KurrentDB nodes, 3 Kafka controllers and 3 brokers, a PostgreSQL primary and replica, and the three processes', () => {
    for (const n of [1, 2, 3]) {
      expect(services[`kurrentdb-${n}`]!.environment.KURRENTDB_CLUSTER_SIZE).toBe('3');
      expect(services[`kafka-controller-${n}`]!.environment.KAFKA_PROCESS_ROLES).toBe('controller');
      expect(services[`kafka-${n}`]!.environment.KAFKA_PROCESS_ROLES).toBe('broker');
    }
    expect(services['postgres-replica']!.entrypoint.join(' ')).toContain('start-replica.sh');
    for (const name of ['api', 'projector', 'relay']) {
      expect(services[name]!.command).toEqual(['node', `dist/apps/${name}/src/main.js`]);
      expect(services[name]!.healthcheck.test.join(' ')).toContain('/health');
    }
  });

  it('keeps the metrics of api and projector inside their containers (METRICS_PORT set, never published)', () => {
    expect(services.api!.environment.METRICS_PORT).toBe('9464');
    expect(services.projector!.environment.METRICS_PORT).toBe('9465');
    for (const name of ['api', 'projector', 'relay']) expect(JSON.stringify(services[name]!.ports ?? [])).not.toMatch(/946[45]/);
  });

  it('gives the relay no master key, and defines every secret and file it refers to', () => {
    expect(services.relay!.secrets).not.toContain('master_key');
    expect(services.relay!.environment.PCM_SECRETS).not.toContain('master_key');
    expect(services.api!.environment.PCM_SECRETS.split(' ')).toEqual(services.api!.secrets);
    for (const service of Object.values(services)) {
      for (const secret of service.secrets ?? []) expect(Object.keys(compose.secrets)).toContain(secret);
      for (const volume of service.volumes ?? []) {
        const source = String(volume).split(':')[0]!;
        if (source.startsWith('./')) expect(existsSync(path.join(INFRA, source))).toBe(true);
        else expect(Object.keys(compose.volumes)).toContain(source);
      }
    }
    expect(readFileSync(path.join(INFRA, 'with-secrets.sh'), 'utf8')).toContain('master_key) export MASTER_KEY=');
  });
});
