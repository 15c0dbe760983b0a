//! Every word of the page in English and Brazilian Portuguese, as data.
//! kubectl's own output, object names and YAML stay as they are.
//!
//! `messages!` makes one `Msg` per line; a line without both languages
//! does not compile, and the tests below check that no text is empty,
//! that placeholders (`{0}`, `{1}`…) match, and that Portuguese lines are
//! not left in English.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Pt,
}

impl Lang {
    /// From a BCP 47 tag (`navigator.language`): Portuguese for `pt*`.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("pt") {
            Lang::Pt
        } else {
            Lang::En
        }
    }
    /// The `lang` attribute of the page.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Pt => "pt-BR",
        }
    }
    pub fn t(self, m: Msg) -> &'static str {
        match self {
            Lang::En => m.en(),
            Lang::Pt => m.pt(),
        }
    }
    /// The text with `{0}`, `{1}`… replaced by `args`.
    pub fn f(self, m: Msg, args: &[&str]) -> String {
        fill(self.t(m), args)
    }

    /// A detail that goes into a message (why a link or a file was
    /// refused, which saved data was set aside) in this language. The
    /// details are written in English where they arise, far from the
    /// page; the known ones are translated here, anything else (a parser's
    /// own wording, a file name) is shown as it is.
    pub fn detail(self, text: &str) -> String {
        if self == Lang::En {
            return text.to_string();
        }
        if let Some((_, pt)) = DETAILS.iter().find(|(en, _)| *en == text) {
            return (*pt).to_string();
        }
        let number = |prefix: &str, suffix: &str| {
            text.strip_prefix(prefix)
                .and_then(|r| r.strip_suffix(suffix))
                .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        if let Some(n) = number("more than ", " inputs") {
            return format!("mais de {n} entradas");
        }
        if let Some(n) = number("version ", " is not supported") {
            return format!("a versão {n} não é suportada");
        }
        if let Some(format) = text
            .strip_prefix("not an ")
            .and_then(|r| r.strip_suffix(" file"))
        {
            return format!("não é um arquivo {format}");
        }
        text.to_string()
    }
}

/// Fixed details (English as written where they arise, Portuguese).
const DETAILS: &[(&str, &str)] = &[
    ("not base64url", "não está em base64url"),
    ("cannot be unpacked", "não pôde ser descompactado"),
    ("not text", "não é texto"),
    (
        "the moment is too far in the future",
        "o instante está longe demais no futuro",
    ),
    ("inputs out of order", "entradas fora de ordem"),
    ("too much text", "texto demais"),
    ("no file chosen", "nenhum arquivo escolhido"),
    ("the file is larger than 8 MB", "o arquivo tem mais de 8 MB"),
    (
        "the file could not be read",
        "não foi possível ler o arquivo",
    ),
    ("prefs", "preferências"),
    ("lessons", "lições"),
    ("lesson", "lição"),
    ("history", "histórico"),
    ("scenario", "cenário"),
];

pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after
            .find('}')
            .and_then(|j| after[..j].parse::<usize>().ok().map(|n| (j, n)))
        {
            Some((j, n)) => {
                out.push_str(args.get(n).copied().unwrap_or(""));
                rest = &after[j + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

macro_rules! messages {
    ($($key:ident => $en:literal, $pt:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($key,)* }
        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];
            pub fn en(self) -> &'static str { match self { $(Msg::$key => $en,)* } }
            pub fn pt(self) -> &'static str { match self { $(Msg::$key => $pt,)* } }
        }
    };
}

messages! {
    // The page
    Tagline => "StatefulSets and headless Services, step by step", "StatefulSets e Headless Services, passo a passo";
    SkipToConsole => "Skip to the console", "Pular para o console";
    Language => "Language", "Idioma";
    Theme => "Theme", "Tema";
    ThemeAuto => "Theme: system", "Tema: do sistema";
    ThemeLight => "Theme: light", "Tema: claro";
    ThemeDark => "Theme: dark", "Tema: escuro";
    Present => "Presentation mode", "Modo de apresentação";
    PresentOff => "Leave presentation mode", "Sair do modo de apresentação";
    Share => "Share", "Compartilhar";
    Copy => "Copy", "Copiar";
    ShareCopied => "Link copied. Anyone who opens it sees this scenario: the same seed, commands and moment.", "Link copiado. Quem abrir verá este cenário: a mesma semente, os mesmos comandos e o mesmo momento.";
    ShareReady => "Share link (select and copy):", "Link para compartilhar (selecione e copie):";
    ShareTooLong => "This scenario is too long for a link ({0} characters; the limit is {1}). Export it as a file instead.", "Este cenário é longo demais para um link ({0} caracteres; o limite é {1}). Exporte-o como arquivo.";
    Export => "Export", "Exportar";
    Import => "Import", "Importar";
    ImportDone => "Scenario imported from {0}.", "Cenário importado de {0}.";
    ImportFailed => "Could not import {0}: {1}", "Não foi possível importar {0}: {1}";
    LinkLoaded => "Scenario opened from a share link.", "Cenário aberto a partir de um link compartilhado.";
    LinkDamaged => "This share link is damaged ({0}); the page started with the default example instead.", "Este link compartilhado está danificado ({0}); a página começou com o exemplo padrão.";
    LinkTooLong => "This share link is longer than {0} characters and was not opened; the page started with the default example.", "Este link compartilhado tem mais de {0} caracteres e não foi aberto; a página começou com o exemplo padrão.";
    SavedDamaged => "Saved data ({0}) could not be read and was set aside; the page started fresh.", "Os dados salvos ({0}) não puderam ser lidos e foram guardados à parte; a página começou do zero.";
    Restored => "Your last session was restored.", "Sua última sessão foi restaurada.";
    Dismiss => "Dismiss", "Dispensar";
    FutureDiscarded => "Command run at {0}, in the past: what was recorded after it ({1}) was discarded.", "Comando executado em {0}, no passado: o que estava gravado depois dele ({1}) foi descartado.";
    FutureDiscardedOne => "Command run at {0}, in the past: what was recorded after it ({1}, with 1 later command) was discarded.", "Comando executado em {0}, no passado: o que estava gravado depois dele ({1}, com 1 comando posterior) foi descartado.";
    FutureDiscardedMany => "Command run at {0}, in the past: what was recorded after it ({1}, with {2} later commands) was discarded.", "Comando executado em {0}, no passado: o que estava gravado depois dele ({1}, com {2} comandos posteriores) foi descartado.";
    Reset => "New cluster", "Novo cluster";
    ResetHint => "Start over with an empty cluster and the current seed", "Recomeçar com um cluster vazio e a semente atual";
    Seed => "Seed", "Semente";

    // Panels
    PanelEditor => "Editor", "Editor";
    PanelCluster => "Cluster", "Cluster";
    PanelConsole => "Console", "Console";
    PanelEvents => "Events", "Eventos";
    PanelDns => "DNS", "DNS";
    PanelLessons => "Learn", "Aprender";
    Panels => "Panels", "Painéis";

    // Time
    Play => "Play", "Reproduzir";
    Pause => "Pause", "Pausar";
    Step => "Next event", "Próximo evento";
    Speed => "Speed", "Velocidade";
    SimTime => "Simulated time", "Tempo simulado";
    Timeline => "Timeline", "Linha do tempo";
    TimelineHint => "Drag to go back and forth in time; arrow keys move a tenth of a second and stop at every event", "Arraste para voltar ou avançar no tempo; as setas movem um décimo de segundo e param em cada evento";
    Live => "Now", "Agora";
    LiveHint => "Go to the latest moment", "Ir para o momento mais recente";
    Paused => "paused", "pausado";
    Playing => "playing", "reproduzindo";

    // Editor
    Apply => "Apply", "Aplicar";
    ApplyHint => "Apply the manifest (Ctrl+Enter)", "Aplicar o manifesto (Ctrl+Enter)";
    Undo => "Undo", "Desfazer";
    Redo => "Redo", "Refazer";
    Examples => "Examples", "Exemplos";
    LoadExample => "Load", "Carregar";
    ManifestLabel => "Manifest (YAML)", "Manifesto (YAML)";
    Problems => "Problems", "Problemas";
    NoProblems => "No problems found.", "Nenhum problema encontrado.";
    ProblemAt => "Line {0}, column {1}", "Linha {0}, coluna {1}";
    Error => "Error", "Erro";
    Warning => "Warning", "Aviso";
    Changes => "What Apply will change", "O que Aplicar vai mudar";
    WillCreate => "{0} will be created", "{0} será criado";
    WillChange => "{0} will be changed:", "{0} será alterado:";
    Unchanged => "{0} is unchanged", "{0} não muda";
    CannotPlan => "{0}: {1}", "{0}: {1}";

    // Examples
    ExBasics => "StatefulSet Basics (web.yaml)", "Fundamentos de StatefulSet (web.yaml)";
    ExBasicsAbout => "The headless Service nginx and the StatefulSet web from the Kubernetes tutorial, here with 3 replicas: web-0, web-1 and web-2 start one at a time, in order, each with its own volume.", "O Headless Service nginx e o StatefulSet web do tutorial do Kubernetes, aqui com 3 réplicas: web-0, web-1 e web-2 sobem um de cada vez, em ordem, cada um com seu próprio volume.";
    ExParallel => "Parallel Pod management", "Gerenciamento paralelo de Pods";
    ExParallelAbout => "podManagementPolicy: Parallel starts and removes all Pods at once, without waiting for the previous one to be ready.", "podManagementPolicy: Parallel cria e remove todos os Pods de uma vez, sem esperar o anterior ficar pronto.";
    ExCanary => "Partitioned rollout (canary)", "Atualização particionada (canário)";
    ExCanaryAbout => "partition: 2 — change the image and Apply: only web-2 gets the new version; lower ordinals keep the old one.", "partition: 2 — mude a imagem e aplique: só o web-2 recebe a nova versão; os ordinais menores mantêm a antiga.";
    ExOnDelete => "OnDelete updates", "Atualizações OnDelete";
    ExOnDeleteAbout => "updateStrategy: OnDelete — a new template reaches a Pod only when you delete that Pod.", "updateStrategy: OnDelete — um novo template só chega a um Pod quando você exclui esse Pod.";
    ExRetention => "PVC retention policy", "Política de retenção de PVCs";
    ExRetentionAbout => "whenScaled: Delete and whenDeleted: Delete — scaling down deletes the claims of the removed Pods; scaling up again brings fresh, empty volumes.", "whenScaled: Delete e whenDeleted: Delete — reduzir a escala exclui os PVCs dos Pods removidos; aumentar a escala de novo traz volumes novos e vazios.";
    ExWrongName => "Misconfigured: serviceName ≠ Service", "Configuração errada: serviceName ≠ Service";
    ExWrongNameAbout => "serviceName says nginx but the headless Service is nginx-headless: the Pods run, yet web-0.nginx does not resolve.", "serviceName diz nginx, mas o Headless Service se chama nginx-headless: os Pods rodam, mas web-0.nginx não resolve.";
    ExWrongSelector => "Misconfigured: selector does not match", "Configuração errada: o seletor não corresponde";
    ExWrongSelectorAbout => "The Service selects app: web but the Pods are labelled app: nginx: the EndpointSlice stays empty and DNS answers NXDOMAIN.", "O Service seleciona app: web, mas os Pods têm o rótulo app: nginx: o EndpointSlice fica vazio e o DNS responde NXDOMAIN.";
    ExZookeeper => "ZooKeeper-style peers", "Pares no estilo ZooKeeper";
    ExZookeeperAbout => "Three peers that find each other by name (zk-0.zk-hs …); publishNotReadyAddresses lets them resolve each other before they are ready.", "Três pares que se encontram pelo nome (zk-0.zk-hs …); publishNotReadyAddresses permite que se resolvam antes de ficarem prontos.";

    // Cluster view
    ViewSets => "StatefulSets", "StatefulSets";
    ViewNodes => "Nodes", "Nós";
    ViewSwitch => "Show", "Mostrar";
    EmptyCluster => "No StatefulSet yet. Apply a manifest from the editor, or type kubectl apply -f web.yaml in the console.", "Nenhum StatefulSet ainda. Aplique um manifesto do editor ou digite kubectl apply -f web.yaml no console.";
    SetSummary => "{0} of {1} ready", "{0} de {1} prontos";
    SetPolicy => "Pod management: {0}", "Gerenciamento de Pods: {0}";
    SetUpdate => "Updates: {0}", "Atualizações: {0}";
    SetPartition => "partition {0}", "partição {0}";
    SetRetention => "PVC retention: when deleted {0}, when scaled {1}", "Retenção de PVCs: ao excluir {0}, ao reduzir {1}";
    SetService => "Governing Service: {0}", "Service responsável: {0}";
    SetAutoscaler => "Autoscaler {0}: {1} to {2} replicas", "Autoscaler {0}: de {1} a {2} réplicas";
    SetNoService => "No headless Service named {0}: Pods get no DNS names under it.", "Não há Headless Service chamado {0}: os Pods não recebem nomes DNS sob ele.";
    SetRevisions => "Revision {0} → {1}", "Revisão {0} → {1}";
    SlotEmpty => "not created yet", "ainda não criado";
    SlotOutside => "outside the replicas", "fora das réplicas";
    Ordinal => "ordinal {0}", "ordinal {0}";
    PodIp => "IP", "IP";
    PodNode => "Node", "Nó";
    PodRestarts => "Restarts", "Reinícios";
    PodRevision => "Revision", "Revisão";
    PodReady => "Ready", "Prontos";
    PodNominated => "Nominated node: the scheduler is preempting Pods of lower priority there to make room", "Nó indicado: o scheduler está removendo ali Pods de prioridade menor para abrir espaço";
    PodStatus => "Status", "Status";
    PodNewRevision => "updated", "atualizado";
    PodOldRevision => "old revision", "revisão antiga";
    PodDnsName => "DNS name", "Nome DNS";
    ClaimAttached => "used by {0}", "usado por {0}";
    ClaimRetained => "retained: waits for {0} to return", "retido: espera {0} voltar";
    ClaimWaiting => "waiting for its first consumer", "esperando o primeiro consumidor";
    ClaimDeleting => "being deleted", "sendo excluído";
    ClaimOwnedByPod => "goes away with {0} (whenScaled: Delete)", "some junto com {0} (whenScaled: Delete)";
    ClaimOwnedBySet => "goes away with the StatefulSet (whenDeleted: Delete)", "some junto com o StatefulSet (whenDeleted: Delete)";
    ClaimVolume => "volume {0}", "volume {0}";
    ClaimPinned => "on {0}", "em {0}";
    OtherClaims => "Claims without a StatefulSet", "PVCs sem StatefulSet";
    OtherPods => "Other Pods", "Outros Pods";
    Service => "Service", "Service";
    Headless => "headless (clusterIP: None)", "headless (clusterIP: None)";
    ClusterIp => "ClusterIP {0}", "ClusterIP {0}";
    Selector => "selector {0}", "seletor {0}";
    NoSelector => "no selector", "sem seletor";
    PublishNotReady => "publishes not-ready addresses", "publica endereços não prontos";
    EndpointSlices => "EndpointSlice entries", "Entradas do EndpointSlice";
    NoEndpoints => "No endpoints: no Pod with an IP matches the selector.", "Nenhum endpoint: nenhum Pod com IP corresponde ao seletor.";
    EpReady => "ready", "pronto";
    EpNotReady => "not ready", "não pronto";
    EpTerminating => "terminating", "encerrando";
    EpNoHostname => "no hostname (subdomain ≠ Service)", "sem hostname (subdomínio ≠ Service)";
    NodeReady => "Ready", "Pronto";
    NodeNotReady => "NotReady", "NotReady";
    NodeControlPlane => "control plane (no workloads)", "plano de controle (sem cargas de trabalho)";
    NodePods => "Pods", "Pods";
    NodeVolumes => "Volumes pinned here", "Volumes fixados aqui";
    NodeEmpty => "nothing here", "nada aqui";

    // Actions
    Actions => "Actions", "Ações";
    ActionsFor => "Actions for {0}", "Ações para {0}";
    NothingSelected => "Select a Pod, StatefulSet, claim or node to act on it.", "Selecione um Pod, StatefulSet, PVC ou nó para agir sobre ele.";
    ActDelete => "Delete", "Excluir";
    ActForceDelete => "Force delete", "Forçar exclusão";
    ActCrash => "Crash", "Derrubar";
    ActFailReadiness => "Fail readiness", "Falha de prontidão";
    ActHeal => "Heal", "Recuperar";
    ActShell => "Open a shell", "Abrir um shell";
    ActScaleUp => "Scale +1", "Réplicas +1";
    ActScaleDown => "Scale −1", "Réplicas −1";
    ActImage => "Change image", "Trocar imagem";
    ActImageLabel => "New image for {0}", "Nova imagem para {0}";
    ActPause => "Pause rollout", "Pausar atualização";
    PauseNote => "StatefulSets cannot be paused (kubectl says so). To hold a rollout, raise rollingUpdate.partition or use updateStrategy: OnDelete.", "StatefulSets não podem ser pausados (o kubectl avisa). Para segurar uma atualização, aumente rollingUpdate.partition ou use updateStrategy: OnDelete.";
    ActNodeDown => "Node down", "Derrubar nó";
    ActNodeUp => "Node up", "Religar nó";
    ActDeleteClaim => "Delete claim", "Excluir PVC";
    ActDeleteSet => "Delete StatefulSet", "Excluir StatefulSet";
    RunsCommand => "Runs: {0}", "Executa: {0}";
    Close => "Close", "Fechar";

    // DNS
    DnsLookup => "DNS lookup", "Consulta DNS";
    DnsFrom => "From Pod", "Do Pod";
    DnsName => "Name", "Nome";
    DnsType => "Type", "Tipo";
    DnsAsk => "Look up", "Consultar";
    DnsSame => "Same as: {0}", "Equivale a: {0}";
    DnsTried => "Names tried (search list, ndots:5)", "Nomes tentados (lista de busca, ndots:5)";
    DnsAnswer => "Answer", "Resposta";
    DnsNx => "NXDOMAIN: no such name right now", "NXDOMAIN: esse nome não existe agora";
    DnsNoData => "The name exists but has no records of this type", "O nome existe, mas não tem registros desse tipo";
    DnsAll => "Every record the cluster answers now", "Todos os registros que o cluster responde agora";
    DnsNone => "No records yet.", "Nenhum registro ainda.";
    DnsRecordName => "Name", "Nome";
    DnsRecordType => "Type", "Tipo";
    DnsRecordData => "Data", "Dados";
    DnsRecordWhy => "Why", "Por quê";
    DnsQuery => "query", "consulta";
    DnsServer => "CoreDNS (kube-dns 10.96.0.10)", "CoreDNS (kube-dns 10.96.0.10)";
    DnsClient => "client", "cliente";
    DnsTraceFrom => "{0} asked {1} for {2}", "{0} consultou {1} sobre {2}";
    WhyClusterIp => "ClusterIP of Service {0}", "ClusterIP do Service {0}";
    WhyEndpoint => "ready endpoint of {0} for Pod {1}", "endpoint pronto de {0} para o Pod {1}";
    WhyEndpointNoPod => "ready endpoint of {0}, with no Pod behind it", "endpoint pronto de {0}, sem Pod por trás";
    WhyEndpointNotReady => "endpoint of {0} for Pod {1} (published although not ready)", "endpoint de {0} para o Pod {1} (publicado mesmo sem estar pronto)";
    WhyPodIp => "Pod IP written with dashes", "IP do Pod escrito com hífens";
    WhyNegative => "zone authority (negative answer)", "autoridade da zona (resposta negativa)";
    WhyVersion => "DNS schema version", "versão do esquema de DNS";
    WhyExternal => "ExternalName of Service {0}", "ExternalName do Service {0}";
    WhyNotTitle => "Why it does not resolve", "Por que não resolve";
    WhyNotNoService => "There is no Service named {0} in namespace {1}.", "Não existe Service chamado {0} no namespace {1}.";
    WhyNotGoverned => "{0} has serviceName: {1}, but that headless Service does not exist: its Pods get DNS names under {1} only once it does.", "{0} tem serviceName: {1}, mas esse Headless Service não existe: os Pods só ganham nomes DNS sob {1} quando ele existir.";
    WhyNotOtherNamespace => "A Service {0} exists in namespace {1}: a short name is completed with the asking Pod's namespace ({2}), so ask for {3}.", "Existe um Service {0} no namespace {1}: um nome curto é completado com o namespace do Pod que pergunta ({2}), então pergunte por {3}.";
    WhyNotHeadless => "Service {0} is not headless (it has a ClusterIP): Pods get no names of their own under it. Set clusterIP: None.", "O Service {0} não é headless (tem um ClusterIP): os Pods não ganham nomes próprios sob ele. Use clusterIP: None.";
    WhyNotNoPod => "There is no Pod named {0} in namespace {1} (yet, or any more).", "Não existe Pod chamado {0} no namespace {1} (ainda, ou não mais).";
    WhyNotSubdomain => "Pod {0} has subdomain {1} (its StatefulSet's serviceName), not {2}: its name lives under {1}.", "O Pod {0} tem subdomínio {1} (o serviceName do seu StatefulSet), não {2}: o nome dele fica sob {1}.";
    WhyNotSelected => "Pod {0} does not carry the labels Service {1} selects ({2}), so it is not in its EndpointSlice.", "O Pod {0} não tem os rótulos que o Service {1} seleciona ({2}), então não está no EndpointSlice dele.";
    WhyNotReady => "Pod {0} is not Ready: a headless Service publishes its record only once it is (unless publishNotReadyAddresses: true).", "O Pod {0} não está Ready: um Headless Service só publica o registro dele quando estiver (a menos que publishNotReadyAddresses: true).";
    WhyProbeFails => "Its readiness probe fails: {1}", "A sonda de prontidão dele falha: {1}";
    WhyNotNoMatch => "No Pod carries the labels Service {0} selects ({1}): its EndpointSlice is empty.", "Nenhum Pod tem os rótulos que o Service {0} seleciona ({1}): o EndpointSlice dele está vazio.";
    WhyNotNoneReady => "No Pod selected by {0} is Ready yet: a headless Service answers only with ready Pods.", "Nenhum Pod selecionado por {0} está Ready ainda: um Headless Service só responde com Pods prontos.";
    WhySrv => "named port of {0}", "porta nomeada de {0}";

    // Console
    ConsoleLabel => "Command", "Comando";
    ConsolePlaceholder => "kubectl get pods   (Tab completes, ↑↓ history)", "kubectl get pods   (Tab completa, ↑↓ histórico)";
    ConsoleContinue => "The command continues on the next line", "O comando continua na próxima linha";
    ConsoleWelcome => "This console talks to the simulated cluster. Buttons on the page run their commands here too.", "Este console se comunica com o cluster simulado. Os botões da página também executam seus comandos aqui.";
    Completions => "Completions", "Sugestões";
    ExportSvg => "SVG", "SVG";
    ExportSvgHint => "Save the cluster as an SVG picture (for slides)", "Salvar o cluster como imagem SVG (para slides)";
    ExportPng => "PNG", "PNG";
    ExportPngHint => "Save the cluster as a PNG picture, twice the screen size (for slides)", "Salvar o cluster como imagem PNG, com o dobro do tamanho da tela (para slides)";
    SaveTranscript => "Save", "Salvar";
    SaveTranscriptHint => "Save the console transcript as a text file (for handouts)", "Salvar a transcrição do console como arquivo de texto (para apostilas)";
    ClearConsole => "Clear", "Limpar";
    Run => "Run", "Executar";

    // Events and narration
    Narration => "What is happening", "O que está acontecendo";
    NowLabel => "Now:", "Agora:";
    NowSteady => "{0} is steady: {1} Pods Ready, nothing is waiting", "{0} está estável: {1} Pods Ready, nada está esperando";
    NowAllSteady => "Every StatefulSet is steady: {0}; nothing is waiting", "Todos os StatefulSets estão estáveis: {0}; nada está esperando";
    ShowPodStatus => "Show Pod status changes", "Mostrar mudanças de status dos Pods";
    EventsKeys => "The up and down arrows move from event to event, the right and left arrows through an event's objects; Enter selects the event's first object.", "As setas para cima e para baixo passam de um evento a outro, e as setas para a direita e a esquerda percorrem os objetos do evento; Enter seleciona o primeiro objeto do evento.";
    NoEvents => "Nothing has happened yet.", "Nada aconteceu ainda.";
    NWaitReady => "{0} waits for {1} to be Running and Ready before going on", "{0} espera {1} ficar Running e Ready antes de continuar";
    NWaitAvailable => "{0} waits for {1} to be available (minReadySeconds)", "{0} espera {1} ficar disponível (minReadySeconds)";
    NWaitTerminating => "{0} waits for {1} to finish terminating before replacing it", "{0} espera o encerramento de {1} terminar antes de substituí-lo";
    NWaitCondemned => "{0} waits for {1} to finish terminating before scaling down further", "{0} espera o encerramento de {1} terminar antes de continuar a redução";
    NWaitFailed => "{0}: {1} has failed and is being replaced", "{0}: {1} falhou e está sendo substituído";
    NWaitStaleClaim => "{0} waits for the garbage collector to remove the old claim {2} before creating {1}, and looks again at its next resync (every 30 s)", "{0} espera o coletor de lixo remover o PVC antigo {2} antes de criar {1}, e verifica de novo na próxima ressincronização (a cada 30 s)";
    NWaitClaimDeleting => "{0} cannot create {1}: claim {2} is being deleted", "{0} não consegue criar {1}: o PVC {2} está sendo excluído";
    NWaitUpdate => "{0} waits for the updated {1} to be Running and Ready", "{0} espera o {1} atualizado ficar Running e Ready";
    NWaitCreateFailed => "{0} could not create {1}: {2}", "{0} não conseguiu criar {1}: {2}";
    NPodStatus => "{0} is {1} ({2} ready)", "{0} está {1} ({2} prontos)";
    NCreated => "{0} {1} was created", "{0} {1} foi criado";
    NDeleted => "{0} {1} is gone", "{0} {1} foi removido";
    NSetCreatedPod => "{0} created Pod {1}", "{0} criou o Pod {1}";
    NSetCreatedClaim => "{0} created claim {1} for Pod {2}", "{0} criou o PVC {1} para o Pod {2}";
    NSetDeletedPod => "{0} deleted Pod {1}", "{0} excluiu o Pod {1}";
    NSetFailedCreate => "{0} failed to create {1}", "{0} falhou ao criar {1}";
    NScheduled => "The scheduler placed {0} on {1}", "O escalonador alocou {0} no nó {1}";
    NFailedScheduling => "The scheduler cannot place {0} yet", "O escalonador ainda não consegue alocar {0} a um nó";
    NPulling => "{0}: pulling image {1}", "{0}: baixando a imagem {1}";
    NPulled => "{0}: image {1} is ready", "{0}: a imagem {1} está pronta";
    NCreatedContainer => "{0}: container created", "{0}: contêiner criado";
    NStarted => "{0}: container started", "{0}: contêiner iniciado";
    NKilling => "{0}: stopping the container", "{0}: parando o contêiner";
    NUnhealthy => "{0}: a probe failed", "{0}: uma sonda falhou";
    NBackOff => "{0}: the container keeps crashing; the kubelet waits before restarting it", "{0}: o contêiner continua caindo; o kubelet espera antes de reiniciá-lo";
    NPullBackOff => "{0}: image {1} cannot be pulled; the kubelet waits before trying again", "{0}: a imagem {1} não pode ser baixada; o kubelet espera antes de tentar de novo";
    NPullNotFound => "{0}: image {1} does not exist: its repository has no such tag", "{0}: a imagem {1} não existe: o repositório dela não tem essa tag";
    NPullBitnami => "{0}: image {1} does not exist: since September 2025 Bitnami keeps only latest in docker.io/bitnami, and versioned tags are in docker.io/bitnamilegacy", "{0}: a imagem {1} não existe: desde setembro de 2025 a Bitnami mantém só a latest em docker.io/bitnami, e as tags com versão estão em docker.io/bitnamilegacy";
    NPullNoRepository => "{0}: image {1} cannot be pulled: the repository does not exist or needs credentials", "{0}: a imagem {1} não pode ser baixada: o repositório não existe ou exige credenciais";
    NPullFailed => "{0}: pulling image {1} failed", "{0}: o download da imagem {1} falhou";
    NContainerError => "{0}: the container cannot start: {1}", "{0}: o contêiner não consegue iniciar: {1}";
    NTaintEviction => "{0}: its node is unreachable, so the Pod is marked for deletion", "{0}: o nó dele está inacessível, então o Pod é marcado para exclusão";
    NEvicted => "{0} was evicted by its node's kubelet", "{0} foi despejado pelo kubelet do nó";
    NRejected => "{0}: the kubelet of its node turns it away ({1}): a Pod placed with nodeName skips the scheduler's checks", "{0}: o kubelet do nó dele o recusa ({1}): um Pod colocado com nodeName pula as verificações do scheduler";
    NPreempted => "{0} is deleted by the scheduler to make room on {1} for a Pod of higher priority", "{0} é excluído pelo scheduler para abrir espaço em {1} para um Pod de prioridade maior";
    NFailedBinding => "Claim {0} cannot be bound: no volume matches it and no StorageClass provides one", "O PVC {0} não pode ser vinculado: nenhum volume combina com ele e nenhuma StorageClass fornece um";
    NProvisioningFailed => "Claim {0}: no volume can be provisioned for it", "PVC {0}: nenhum volume pode ser provisionado para ele";
    NNoStorageClass => "Claim {0} names StorageClass {1}, which does not exist: it stays Pending", "O PVC {0} usa a StorageClass {1}, que não existe: ele fica Pending";
    NVolumeMismatch => "{0}: the claim and the volume have different volume modes and cannot be bound", "{0}: o PVC e o volume têm volumeMode diferentes e não podem ser vinculados";
    NHookFailed => "{0}: the {1} hook failed", "{0}: o hook {1} falhou";
    NSandboxFailed => "{0}: the node could not set up the Pod's sandbox, so it stays ContainerCreating", "{0}: o nó não conseguiu montar o sandbox do Pod, que fica em ContainerCreating";
    NDnsReloaded => "CoreDNS reloaded the edited Corefile: DNS answers follow it from now on", "O CoreDNS recarregou o Corefile editado: as respostas de DNS passam a segui-lo";
    NDnsReloadFailed => "CoreDNS kept its old Corefile: the edited one does not load ({0})", "O CoreDNS manteve o Corefile antigo: o editado não carrega ({0})";
    NMountFailed => "{0}: volume {1} cannot be set up, so it stays ContainerCreating", "{0}: o volume {1} não pode ser montado, e o Pod fica em ContainerCreating";
    NConflictingController => "{0}: a claim has another controller, so the retention policy is ignored for it", "{0}: um PVC tem outro controlador, então a política de retenção é ignorada para ele";
    NWaitConsumer => "Claim {0} waits for its Pod to be scheduled before a volume is made", "O PVC {0} espera o Pod dele ser alocado a um nó antes que um volume seja criado";
    NProvisioning => "Claim {0}: the provisioner is creating a volume", "PVC {0}: o provisionador está criando um volume";
    NProvisioned => "Claim {0} got its volume", "O PVC {0} recebeu seu volume";
    NNodeNotReady => "Node {0} stopped answering", "O nó {0} parou de responder";
    NNodeReady => "Node {0} is ready", "O nó {0} está pronto";
    NOther => "{0}: {1}", "{0}: {1}";
    NRescaled => "{0} set its target's replicas to {1}", "{0} definiu as réplicas do alvo em {1}";
    NNoMetrics => "{0} has no metrics to scale on: the cluster has no metrics-server, so it only keeps its target within its bounds", "{0} não tem métricas para escalar: o cluster não tem metrics-server, então ele só mantém o alvo dentro dos limites";
    KindPod => "Pod", "Pod";
    KindStatefulSet => "StatefulSet", "StatefulSet";
    KindService => "Service", "Service";
    KindClaim => "claim", "PVC";
    KindVolume => "volume", "volume";
    KindEndpointSlice => "EndpointSlice", "EndpointSlice";
    KindRevision => "ControllerRevision", "ControllerRevision";
    KindNode => "node", "nó";
    KindObject => "object", "objeto";

    // Learn
    Lessons => "Guided lessons", "Lições guiadas";
    LessonsIntro => "Each lesson explains a behaviour, asks you to do it (in the console, the editor or with the buttons) and checks the cluster to confirm each step.", "Cada lição explica um comportamento, pede que você o faça (no console, no editor ou com os botões) e confere o cluster para confirmar cada passo.";
    LessonStart => "Start", "Começar";
    LessonContinue => "Continue", "Continuar";
    LessonStepsDone => "{0} of {1} steps done", "{0} de {1} passos concluídos";
    LessonForget => "Reset progress", "Apagar o progresso";
    LessonLinkDamaged => "This lesson link could not be read (unknown lesson or step); the page started as usual.", "Este link de lição não pôde ser lido (lição ou passo desconhecido); a página começou normalmente.";
    LessonAll => "All lessons", "Todas as lições";
    LessonRestart => "Start over", "Recomeçar";
    LessonRestartHint => "A fresh cluster at step 1 of this lesson", "Um cluster novo no passo 1 desta lição";
    LessonLink => "Workshop link", "Link para a turma";
    LessonLinkHint => "Opens this lesson at this step, with the same seed and language, for everyone who opens it.", "Abre esta lição neste passo, com a mesma semente e o mesmo idioma, para todos que o abrirem.";
    LessonSteps => "Steps", "Passos";
    LessonStepN => "Step {0} of {1}", "Passo {0} de {1}";
    LessonCommands => "What to type", "O que digitar";
    LessonFill => "Put in the console", "Colocar no console";
    LessonRunAll => "Run for me", "Executar por mim";
    LessonChecking => "The page checks the cluster as it changes; any way of doing the step counts.", "A página confere o cluster conforme ele muda; qualquer forma de fazer o passo vale.";
    LessonNotYet => "Not yet:", "Ainda não:";
    LessonStepDone => "Step {0} done: {1}", "Passo {0} concluído: {1}";
    LessonFinished => "Lesson complete: every step passed.", "Lição concluída: todos os passos foram cumpridos.";
    LessonStateDone => "done", "concluído";
    LessonStateCurrent => "current step", "passo atual";
    LessonStateTodo => "to do", "a fazer";
    LessonTry => "Try this", "Experimente";
    LessonTryRun => "Try it", "Experimentar";
    LessonTryUndo => "Undo the experiment", "Desfazer o experimento";
    LessonMistake => "Classic mistake {0}", "Erro clássico {0}";
    LessonReadStep => "Read step {0}", "Ler o passo {0}";
    LessonBackToCurrent => "Back to the current step", "Voltar ao passo atual";
    ExamplesK8s => "Kubernetes behaviours", "Comportamentos do Kubernetes";
    ExamplesGallery => "Stateful software (gallery)", "Aplicações com estado (galeria)";
    ExPeers => "Members reach each other as: {0}", "Os membros se encontram por: {0}";
    ShowMe => "Show me", "Mostrar";
    AboutSts => "StatefulSet in Kubernetes", "StatefulSet no Kubernetes";
    AboutStsIntro => "A StatefulSet manages the deployment and scaling of a set of Pods, guaranteeing order and stability when they are created, updated and deleted. It suits applications that need stable network identifiers and persistent storage.", "Um StatefulSet no Kubernetes é um objeto que gerencia a implantação e o dimensionamento de um conjunto de Pods, garantindo a ordem e a estabilidade na sua criação, atualização e exclusão. Ele é particularmente útil para aplicações que requerem identificadores de rede estáveis e armazenamento persistente.";
    ClaimIdentity => "Stable network identifiers: each Pod gets a unique, lasting name, <StatefulSet name>-<ordinal>, for example web-0, web-1, web-2.", "Identificadores de rede estáveis: cada Pod recebe um nome único e persistente, no formato <nome-do-statefulset>-<ordinal>, por exemplo web-0, web-1, web-2.";
    ClaimOrder => "Order: Pods are created in increasing order (0 to N-1) and removed in decreasing order (N-1 to 0); updates also go one Pod at a time, keeping the application's state consistent.", "Ordem: a criação dos Pods segue uma ordem crescente (0 a N-1), enquanto a exclusão segue uma ordem decrescente (N-1 a 0); as atualizações também vão um Pod de cada vez, garantindo a consistência do estado da aplicação.";
    ClaimStorage => "Persistent storage: each Pod has its own PersistentVolumeClaims, kept when the Pod is deleted or recreated — crucial for applications that store state, such as databases.", "Armazenamento persistente: cada Pod tem seus próprios PersistentVolumeClaims (PVCs), mantidos mesmo se o Pod for excluído ou recriado — crucial para aplicações que armazenam estado, como bancos de dados.";
    ClaimScaling => "Controlled scaling: each new Pod gets its own persistent volume and network identifier, keeping the data intact and the order of creation.", "Escalabilidade controlada: cada novo Pod recebe seu próprio volume persistente e identificador de rede, mantendo a integridade dos dados e a ordem de criação.";
    ClaimUses => "Common uses: databases (MySQL, PostgreSQL), caches (Redis) and other applications that need a consistent, ordered state.", "Uso comum: bancos de dados (MySQL, PostgreSQL), sistemas de cache (Redis) e outras aplicações que requerem um estado consistente e ordenado.";
    AboutHeadless => "Headless Service", "Headless Service";
    AboutHeadlessIntro => "A headless Service gets no ClusterIP, yet still lets clients discover the IP addresses of its Pods.", "Um Headless Service no Kubernetes é um tipo especial de Service que não aloca um IP ClusterIP, mas ainda pode ser usado para descobrir os endereços IP dos Pods associados.";
    ClaimHeadlessDef => "Definition: clusterIP: None in the Service manifest.", "Definição: o campo clusterIP definido como None no manifesto do Service.";
    ClaimHeadlessDns => "Pod discovery: a DNS query for the Service name returns the Pods' IPs directly — only of ready Pods — with no load balancing.", "Descoberta de Pods: uma consulta DNS ao nome do Service retorna diretamente os IPs dos Pods — só dos Pods prontos — sem balanceamento de carga.";
    ClaimHeadlessDirect => "Direct access: each Pod has its own record, <pod name>.<service name>, so clients reach a specific Pod — useful where the Pod's identity matters, as in distributed databases and messaging systems.", "Acesso direto: cada Pod tem seu próprio registro, <nome-do-pod>.<nome-do-service>, e os clientes acessam um Pod específico — útil onde a identidade do Pod é importante, como em bancos de dados distribuídos e sistemas de mensagens.";
    ClaimHeadlessUses => "Uses: stateful applications (Cassandra, MongoDB, Redis), where each Pod has its own state and identity and clients connect straight to a specific Pod, preserving those identities; and distributed systems whose peers talk directly (Elasticsearch, ZooKeeper).", "Usos: aplicações com estado (Cassandra, MongoDB, Redis), em que cada Pod tem estado e identidade próprios e os clientes se conectam diretamente a um Pod específico, preservando essas identidades; e sistemas distribuídos cujos nós se comunicam diretamente (Elasticsearch, ZooKeeper).";

    // Failure
    CrashTitle => "Something went wrong", "Algo deu errado";
    CrashBody => "The page stopped because of a bug. Your manifest, console history and scenario are saved: reloading brings them back.", "A página parou por causa de um erro. Seu manifesto, o histórico do console e o cenário estão salvos: recarregar traz tudo de volta.";
    CrashReport => "Report (select and copy it when you tell us):", "Relatório (selecione e copie ao nos avisar):";
    CrashReload => "Reload", "Recarregar";
    Overloaded => "The simulation stopped: {0}", "A simulação parou: {0}";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut v: Vec<String> = s
            .match_indices('{')
            .filter_map(|(i, _)| {
                let rest = &s[i + 1..];
                let j = rest.find('}')?;
                rest[..j].parse::<usize>().ok().map(|n| n.to_string())
            })
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Texts that are the same in both languages on purpose (product and
    /// Kubernetes terms, codes).
    const SAME: &[&str] = &[
        "Editor",
        "Cluster",
        "Console",
        "DNS",
        "StatefulSets",
        "IP",
        "Pod",
        "Pods",
        "StatefulSet",
        "Service",
        "EndpointSlice",
        "ControllerRevision",
        "NotReady",
        "Status",
        "volume",
        "volume {0}",
        "{0}: {1}",
        "headless (clusterIP: None)",
        "ClusterIP {0}",
        "ordinal {0}",
        "Headless Service",
        "CoreDNS (kube-dns 10.96.0.10)",
        "SVG",
        "PNG",
    ];

    #[test]
    fn details_are_shown_in_the_page_language() {
        assert_eq!(Lang::Pt.detail("not base64url"), "não está em base64url");
        assert_eq!(
            Lang::Pt.detail("more than 5000 inputs"),
            "mais de 5000 entradas"
        );
        assert_eq!(
            Lang::Pt.detail("version 7 is not supported"),
            "a versão 7 não é suportada"
        );
        assert_eq!(
            Lang::Pt.detail("not an ordinal-scenario file"),
            "não é um arquivo ordinal-scenario"
        );
        assert_eq!(Lang::Pt.detail("history"), "histórico");
        // Unknown wording (a parser's, a file name) stays as it is; English stays English.
        assert_eq!(
            Lang::Pt.detail("expected value at line 1 column 1"),
            "expected value at line 1 column 1"
        );
        assert_eq!(
            Lang::Pt.detail("more than many inputs"),
            "more than many inputs"
        );
        assert_eq!(Lang::En.detail("not base64url"), "not base64url");
    }

    /// The table follows the sources: every English detail in it is still
    /// written, word for word, where the page's details arise.
    #[test]
    fn every_translated_detail_is_still_written_somewhere() {
        let sources = [
            include_str!("scenario.rs"),
            include_str!("../ui/browser.rs"),
            include_str!("../ui/hooks/boot.rs"),
        ];
        for (en, _) in DETAILS {
            let quoted = format!("\"{en}\"");
            assert!(
                sources.iter().any(|s| s.contains(&quoted)),
                "{en:?} is no longer a detail the page shows"
            );
        }
    }

    #[test]
    fn every_message_has_both_languages() {
        for &m in Msg::ALL {
            assert!(!m.en().trim().is_empty(), "{m:?}: English is empty");
            assert!(!m.pt().trim().is_empty(), "{m:?}: Portuguese is empty");
            assert_eq!(
                placeholders(m.en()),
                placeholders(m.pt()),
                "{m:?}: placeholders differ"
            );
            if m.en() == m.pt() {
                assert!(
                    SAME.contains(&m.en()),
                    "{m:?} is not translated: {:?}",
                    m.en()
                );
            }
        }
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(fill("{0} of {1}", &["2", "3"]), "2 of 3");
        assert_eq!(fill("a {x} {5}", &[]), "a {x} ");
        assert_eq!(Lang::from_tag("pt-BR"), Lang::Pt);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
    }
}
