// Texts written for the demo: answers to the discussion questions of a regional consultation on
// internet freedom (modelled on the Freedom Online Coalition's consultations toward the Ottawa
// Agenda), in the six UN languages. Submissions are assembled from them deterministically.
export type DemoLanguage = 'en' | 'fr' | 'es' | 'ar' | 'zh' | 'ru';

export const DEMO_QUESTIONS = [
  {
    text: 'Which regional or global trends in digital technologies will most affect human rights online and offline in the next five to ten years?',
    help: 'Think of infrastructure, platforms, artificial intelligence, surveillance and connectivity.',
  },
  {
    text: 'What are the most pressing challenges to protecting and promoting human rights online in your region?',
    help: 'Give examples where you can.',
  },
  {
    text: 'What should governments and the Coalition do to defend a free, open, interoperable, secure and reliable Internet?',
    help: 'Concrete commitments are most useful for the agenda.',
  },
];

export const DEMO_ANSWERS: Record<DemoLanguage, string[][]> = {
  en: [
    [
      'Internet shutdowns during elections and protests are becoming routine, and they hit rural communities hardest.',
      'Generative AI will flood public debate with synthetic content faster than fact-checkers can respond.',
      'Biometric surveillance is spreading through smart-city contracts with little public scrutiny.',
      'The fragmentation of the Internet along national lines threatens the open architecture that made it useful.',
    ],
    [
      'Journalists and human rights defenders face spyware and online harassment, often with no remedy.',
      'Broad cybercrime laws are used to prosecute critics for their posts.',
      'Women and gender-diverse people are pushed off platforms by coordinated abuse.',
      'Connectivity remains unaffordable for many families, so the digital divide is also a rights divide.',
    ],
    [
      'Governments should condemn shutdowns in every multilateral forum and commit never to order one.',
      'The Coalition must support strong encryption and oppose laws that require backdoors.',
      'States should fund community networks and public access points in underserved areas.',
      'Member states should involve civil society, the technical community and industry in every step of the agenda.',
    ],
  ],
  fr: [
    [
      "Les coupures d'Internet pendant les élections se multiplient et frappent d'abord les zones rurales.",
      "L'intelligence artificielle générative risque de saturer le débat public de contenus synthétiques.",
      'La surveillance biométrique progresse sans débat public ni contrôle indépendant.',
    ],
    [
      'Les défenseurs des droits humains sont visés par des logiciels espions et du harcèlement en ligne.',
      'Des lois vagues sur la cybercriminalité servent à poursuivre les voix critiques.',
      'Le coût de la connexion reste trop élevé pour de nombreuses familles : la fracture numérique est aussi une fracture des droits.',
    ],
    [
      "Les gouvernements devraient s'engager à ne jamais ordonner de coupure d'Internet.",
      'La Coalition doit défendre le chiffrement de bout en bout et refuser les portes dérobées.',
      "Les États doivent associer la société civile et la communauté technique à chaque étape de l'agenda.",
    ],
  ],
  es: [
    [
      'Los apagones de Internet durante las protestas son cada vez más frecuentes en la región.',
      'La inteligencia artificial se usa para vigilar a periodistas y activistas sin control judicial.',
      'La concentración de plataformas reduce la diversidad de voces en línea.',
    ],
    [
      'Las defensoras de derechos humanos sufren acoso coordinado en redes sociales.',
      'Las leyes de ciberdelincuencia se aplican de forma desproporcionada contra la prensa.',
      'Las comunidades indígenas siguen sin conectividad asequible ni contenidos en sus lenguas.',
    ],
    [
      'Los gobiernos deberían financiar redes comunitarias en zonas rurales.',
      'La Coalición debe exigir transparencia a las empresas sobre las solicitudes de datos de los gobiernos.',
      'Los Estados deben garantizar recursos efectivos para las víctimas de programas espía.',
    ],
  ],
  ar: [
    [
      'أصبح قطع الإنترنت أثناء الاحتجاجات ممارسة متكررة في المنطقة.',
      'يهدد الذكاء الاصطناعي بانتشار المعلومات المضللة على نطاق واسع.',
      'تتوسع المراقبة الرقمية دون رقابة قضائية مستقلة.',
    ],
    [
      'يتعرض الصحفيون والمدافعون عن حقوق الإنسان لبرامج التجسس والمضايقات عبر الإنترنت.',
      'تستخدم قوانين الجرائم الإلكترونية الفضفاضة لملاحقة المنتقدين.',
      'لا تزال تكلفة الاتصال مرتفعة بالنسبة لكثير من الأسر في المناطق الريفية.',
    ],
    [
      'يجب على الحكومات أن تلتزم بعدم قطع الإنترنت أبدا.',
      'ينبغي للتحالف أن يدافع عن التشفير القوي وأن يرفض الأبواب الخلفية.',
      'يجب إشراك المجتمع المدني والمجتمع التقني في كل مراحل وضع الأجندة.',
    ],
  ],
  zh: [
    [
      '在选举和抗议期间断网的情况越来越常见。',
      '生成式人工智能可能让虚假信息大量涌入公共讨论。',
      '生物识别监控在缺乏公众监督的情况下迅速扩张。',
    ],
    [
      '记者和人权捍卫者面临间谍软件和网络骚扰。',
      '含义模糊的网络犯罪法律被用来起诉批评者。',
      '许多农村家庭仍然负担不起上网费用，数字鸿沟也是权利鸿沟。',
    ],
    [
      '各国政府应承诺永不下令断网。',
      '联盟应当支持强加密，反对强制设置后门。',
      '各国应在议程的每个阶段让民间社会和技术社群参与。',
    ],
  ],
  ru: [
    [
      'Отключения интернета во время выборов и протестов становятся обычной практикой.',
      'Генеративный искусственный интеллект может наводнить общественную дискуссию дезинформацией.',
      'Биометрическое наблюдение распространяется без общественного контроля.',
    ],
    [
      'Журналисты и правозащитники сталкиваются со шпионскими программами и травлей в сети.',
      'Размытые законы о киберпреступности используются против критиков.',
      'Для многих семей в сельской местности доступ в интернет остаётся слишком дорогим.',
    ],
    [
      'Правительства должны обязаться никогда не отключать интернет.',
      'Коалиция должна поддерживать надёжное шифрование и выступать против бэкдоров.',
      'Государствам следует привлекать гражданское общество и техническое сообщество на всех этапах.',
    ],
  ],
};

export const DEMO_CONTEXT = `The Coalition is preparing a new agenda of commitments to promote human rights online. Before drafting it, the secretariat holds regional multistakeholder consultations to hear directly from civil society, the technical community, academia, the private sector, media and governments about the most pressing threats to internet freedom in each region.

La Coalition prépare un nouvel agenda d'engagements pour promouvoir les droits de la personne en ligne. Avant de le rédiger, le secrétariat tient des consultations régionales multipartites.

Your answers feed the synthesis published at the end of the consultation, which shows how every input was taken into account.`;
