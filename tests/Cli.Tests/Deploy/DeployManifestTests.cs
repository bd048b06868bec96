using System.Globalization;
using System.Text.RegularExpressions;
using Ensemble.FrontDoor.Http;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Ensemble.Cli.Tests.Deploy;

/// <summary>
/// deploy/'s Kubernetes, compose and systemd files cannot be run here (no cluster, no Docker, no GPU), so they are
/// checked against what can: every YAML file parses; every silo command in them parses with the real `ensemble silo`
/// command line; the ports they open, the probes' paths and ports, the Redis and collector addresses, and the collector
/// configuration agree with those arguments, with the front door's routes and with each other.
/// </summary>
public sealed partial class DeployManifestTests
{
    private const string PodIp = "10.1.2.3";
    private static readonly string[] KubernetesFiles = ["k8s/redis.yaml", "k8s/otel-collector.yaml", "k8s/silo.yaml"];
    private const string ComposeFile = "compose/docker-compose.yml";
    private const string SystemdUnit = "systemd/ensemble-silo.service";

    [Fact]
    public void Every_yaml_file_in_deploy_parses()
    {
        var files = Directory.EnumerateFiles(DeployFolder.Path, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(DeployFolder.Path, f)).ToArray();
        Assert.Superset(KubernetesFiles.Append(ComposeFile).ToHashSet(), files.ToHashSet());
        foreach (var file in files)
            Assert.NotEmpty(DeployFolder.Documents(file));
    }

    [Fact]
    public void The_kubernetes_silo_runs_a_valid_silo_command_whose_ports_probes_and_services_agree()
    {
        var documents = KubernetesFiles.SelectMany(DeployFolder.Documents).ToArray();
        var daemonSet = Assert.Single(documents, d => d.At("kind").Text() == "DaemonSet");
        var pod = daemonSet.At("spec", "template");
        var container = Assert.Single(pod.At("spec", "containers").Items());
        var env = container.At("env").Items().ToDictionary(e => e.At("name").Text(), e => e, StringComparer.Ordinal);
        // Kubernetes expands $(NAME) in args from the container's environment; the pod IP comes from the downward API.
        Assert.Equal("status.podIP", env["POD_IP"].At("valueFrom", "fieldRef", "fieldPath").Text());
        var args = container.At("args").Items().Select(a => KubernetesVariable().Replace(a.Text(), m =>
        {
            Assert.True(env.ContainsKey(m.Groups[1].Value), $"silo.yaml: args use $({m.Groups[1].Value}), which env does not set");
            return PodIp;
        })).ToArray();
        var silo = SiloArguments.Parse(args, "k8s/silo.yaml");
        Assert.Equal(PodIp, silo.Value("--advertise"));

        var containerPorts = container.At("ports").Items().ToDictionary(p => p.At("name").Text(), p => int.Parse(p.At("containerPort").Text(), CultureInfo.InvariantCulture), StringComparer.Ordinal);
        Assert.Equal(silo.Ports.Values.Order(), containerPorts.Values.Order());
        int Named(YamlNode port) => containerPorts.TryGetValue(port.Text(), out var n) ? n : int.Parse(port.Text(), CultureInfo.InvariantCulture);
        Assert.Equal((OpenInferenceHttp.ReadyRoute, silo.Port("--http-port")), (container.At("readinessProbe", "httpGet", "path").Text(), Named(container.At("readinessProbe", "httpGet", "port"))));
        foreach (var probe in new[] { "livenessProbe", "startupProbe" })
            Assert.Equal((OpenInferenceHttp.LiveRoute, silo.Port("--http-port")), (container.At(probe, "httpGet", "path").Text(), Named(container.At(probe, "httpGet", "port"))));
        Assert.Equal(silo.Port("--metrics-port").ToString(CultureInfo.InvariantCulture), pod.At("metadata", "annotations", "prometheus.io/port").Text());
        Assert.Equal("1", container.At("resources", "limits", "nvidia.com/gpu").Text());

        var services = documents.Where(d => d.At("kind").Text() == "Service").ToDictionary(d => d.At("metadata", "name").Text(), d => d, StringComparer.Ordinal);
        var redis = silo.Redis;
        Assert.True(services.TryGetValue(redis.Host, out var redisService), $"--cluster names {redis.Host}, which no Service is");
        Assert.Contains(redis.Port, redisService!.At("spec", "ports").Items().Select(p => int.Parse(p.At("port").Text(), CultureInfo.InvariantCulture)));
        Assert.Contains("otlp", silo.Value("--telemetry").Split(','));
        var collector = new Uri(env["OTEL_EXPORTER_OTLP_ENDPOINT"].At("value").Text());
        Assert.True(services.TryGetValue(collector.Host, out var collectorService), $"OTEL_EXPORTER_OTLP_ENDPOINT names {collector.Host}, which no Service is");
        Assert.Contains(collector.Port, collectorService!.At("spec", "ports").Items().Select(p => int.Parse(p.At("port").Text(), CultureInfo.InvariantCulture)));
        // The inference Service sends traffic to ports the silo container opens, under their names.
        Assert.All(services["ensemble-inference"].At("spec", "ports").Items(), p => Assert.Contains(p.At("targetPort").Text(), containerPorts.Keys));
    }

    [Fact]
    public void Each_compose_silo_runs_a_valid_silo_command_with_its_own_gpu_and_reachable_redis_collector_and_health_check()
    {
        var compose = Assert.Single(DeployFolder.Documents(ComposeFile));
        var services = ((YamlMappingNode)compose.At("services")).Children.ToDictionary(c => c.Key.Text(), c => c.Value, StringComparer.Ordinal);
        var silos = services.Where(s => s.Value.Find("command")?.Items().First().Text() == "silo").ToArray();
        Assert.True(silos.Length >= 2, "the compose file shows one silo per GPU: at least two");
        var gpus = new List<string>();
        foreach (var (name, service) in silos)
        {
            var silo = SiloArguments.Parse(service.At("command").Items().Select(a => a.Text()).ToArray(), $"{ComposeFile} {name}");
            Assert.True(services.ContainsKey(silo.Redis.Host), $"{name}: --cluster names {silo.Redis.Host}, which is no service");
            Assert.StartsWith("redis:", services[silo.Redis.Host].At("image").Text(), StringComparison.Ordinal);
            Assert.Equal(6379, silo.Redis.Port); // the redis image's port; the compose file does not remap it
            var collector = new Uri(service.At("environment", "OTEL_EXPORTER_OTLP_ENDPOINT").Text());
            Assert.True(services.ContainsKey(collector.Host), $"{name}: the OTLP endpoint names {collector.Host}, which is no service");
            Assert.Contains($"http://localhost:{silo.Port("--http-port")}{OpenInferenceHttp.ReadyRoute}", service.At("healthcheck", "test").Items().Select(t => t.Text()));
            Assert.Contains(service.At("ports").Items(), p => p.Text().EndsWith($":{silo.Port("--http-port")}", StringComparison.Ordinal));
            Assert.Contains(service.At("volumes").Items(), v => silo.Run.StartsWith(ComposeMountTarget().Match(v.Text()).Groups[1].Value + "/", StringComparison.Ordinal));
            var device = Assert.Single(service.At("deploy", "resources", "reservations", "devices").Items());
            Assert.Equal("nvidia", device.At("driver").Text());
            gpus.AddRange(device.At("device_ids").Items().Select(d => d.Text()));
        }
        Assert.Equal(gpus.Distinct().Count(), gpus.Count);
    }

    [Fact]
    public void The_systemd_unit_runs_a_valid_silo_command_with_the_same_ports_as_kubernetes_and_compose()
    {
        var unit = File.ReadAllLines(DeployFolder.File(SystemdUnit));
        string Setting(string key) => Assert.Single(unit, l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];
        var defaults = unit.Where(l => l.StartsWith("Environment=", StringComparison.Ordinal))
            .Select(l => l["Environment=".Length..].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        var words = SystemdVariable().Replace(Setting("ExecStart"), m => defaults.TryGetValue(m.Groups[1].Value, out var v) ? v
            : throw new InvalidOperationException($"{SystemdUnit}: ExecStart uses ${{{m.Groups[1].Value}}}, which has no Environment= default")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("/ensemble", words[0], StringComparison.Ordinal);
        var silo = SiloArguments.Parse(words[1..], SystemdUnit);
        // SIGTERM drains; exit 75 (lost membership row) is a failure systemd restarts.
        Assert.Equal(("SIGTERM", "on-failure"), (Setting("KillSignal"), Setting("Restart")));

        var kubernetes = SiloArguments.Parse(DeployFolder.Documents("k8s/silo.yaml")[0].At("spec", "template", "spec", "containers").Items().Single()
            .At("args").Items().Select(a => a.Text().Replace("$(POD_IP)", PodIp, StringComparison.Ordinal)).ToArray(), "k8s/silo.yaml");
        var compose = SiloArguments.Parse(DeployFolder.Documents(ComposeFile)[0].At("services", "silo-gpu0", "command").Items().Select(a => a.Text()).ToArray(), ComposeFile);
        Assert.Equal(kubernetes.Ports, silo.Ports);
        Assert.Equal(kubernetes.Ports, compose.Ports);
    }

    [Fact]
    public void Compose_and_kubernetes_give_the_collector_the_same_configuration()
    {
        var configMap = DeployFolder.Documents("k8s/otel-collector.yaml").Single(d => d.At("kind").Text() == "ConfigMap");
        var deserializer = new DeserializerBuilder().Build();
        var serializer = new SerializerBuilder().Build();
        string Canonical(string yaml) => serializer.Serialize(deserializer.Deserialize<object>(yaml));
        Assert.Equal(Canonical(configMap.At("data", "config.yaml").Text()), Canonical(File.ReadAllText(DeployFolder.File("compose/otel-collector.yaml"))));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")] // the executable bit: the image and these tests are Linux-only
    public void The_image_publishes_the_cli_for_a_libtorch_the_image_brings_and_starts_a_silo()
    {
        var dockerfile = File.ReadAllText(DeployFolder.File("docker/Dockerfile"));
        Assert.Matches(@"dotnet publish src/Cli .*-p:Accelerator=system", dockerfile);
        var entrypoint = DeployFolder.File("docker/entrypoint.sh");
        Assert.Contains("ENTRYPOINT [\"/app/entrypoint.sh\"]", dockerfile, StringComparison.Ordinal);
        Assert.True((File.GetUnixFileMode(entrypoint) & UnixFileMode.UserExecute) != 0, "entrypoint.sh must be executable");
        var cmd = Regex.Match(dockerfile, @"^CMD \[(.*)\]$", RegexOptions.Multiline).Groups[1].Value.Split(',').Select(w => w.Trim().Trim('"')).ToArray();
        SiloArguments.Parse(cmd, "docker/Dockerfile CMD");
    }

    [GeneratedRegex(@"\$\(([A-Z_][A-Z0-9_]*)\)")]
    private static partial Regex KubernetesVariable();

    /// <summary>SOURCE:TARGET[:ro], where SOURCE may be ${VAR:-default} with a colon of its own.</summary>
    [GeneratedRegex(@":(/[^:]+)(?::ro)?$")]
    private static partial Regex ComposeMountTarget();

    [GeneratedRegex(@"\$\{([A-Z_][A-Z0-9_]*)\}")]
    private static partial Regex SystemdVariable();
}
