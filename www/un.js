// The UN-style example page in the six UN languages. `un.html?lang=xx` (any
// tag whose language is one of the six: `ar`, `ar-EG`, `zh-CN`, `fr`, …) sets
// <html lang dir> before the widgets start; the widgets then speak that
// language from their own catalogues and write numbers with the browser's
// Intl for the full tag. This file holds only the page's own text.

const PAGE = {
  en: {
    title: 'Following up the Kyoto Declaration',
    sub: 'Example page',
    language: 'Language',
    skip: 'Skip to content',
    symbol: 'Document symbol',
    heading: 'Following up the Kyoto Declaration',
    intro: 'The Kyoto Declaration was adopted by the Fourteenth United Nations Congress on Crime Prevention and Criminal Justice on {date}. Of its {count} paragraphs, paragraphs 21 to 95 set out commitments in four pillars. The chart below shows, for each pillar, how many of its paragraphs have at least one follow-up activity, drawn from the sample of public follow-up records.',
    chartSection: 'Progress by pillar',
    browserSection: 'Paragraphs and their follow-up',
    browserIntro: 'Search the {count} paragraphs of the Kyoto Declaration, filter them by pillar, theme or the status of their follow-up, and expand a paragraph to see the activities linked to it. Choosing a bar of the chart filters the list below. The search and filters are kept in the address, so a copied link shows the same view.',
    examples: 'Example data:',
  },
  fr: {
    title: 'Le suivi de la Déclaration de Kyoto',
    sub: 'Page d’exemple',
    language: 'Langue',
    skip: 'Aller au contenu',
    symbol: 'Cote du document',
    heading: 'Le suivi de la Déclaration de Kyoto',
    intro: 'La Déclaration de Kyoto a été adoptée par le quatorzième Congrès des Nations Unies pour la prévention du crime et la justice pénale le {date}. Sur ses {count} paragraphes, les paragraphes 21 à 95 énoncent des engagements répartis entre quatre piliers. Le graphique ci-dessous indique, pour chaque pilier, combien de ses paragraphes font l’objet d’au moins une activité de suivi, d’après l’échantillon de données publiques sur le suivi.',
    chartSection: 'Avancement par pilier',
    browserSection: 'Les paragraphes et leur suivi',
    browserIntro: 'Recherchez dans les {count} paragraphes de la Déclaration de Kyoto, filtrez-les par pilier, par thème ou selon l’état d’avancement de leur suivi, et dépliez un paragraphe pour voir les activités qui s’y rapportent. Choisir une barre du graphique filtre la liste ci-dessous. La recherche et les filtres sont conservés dans l’adresse\u00a0: un lien copié affiche donc la même vue.',
    examples: 'Données d’exemple\u00a0:',
  },
  es: {
    title: 'Seguimiento de la Declaración de Kyoto',
    sub: 'Página de ejemplo',
    language: 'Idioma',
    skip: 'Ir al contenido',
    symbol: 'Signatura del documento',
    heading: 'Seguimiento de la Declaración de Kyoto',
    intro: 'La Declaración de Kyoto fue aprobada por el 14º Congreso de las Naciones Unidas sobre Prevención del Delito y Justicia Penal el {date}. De sus {count} párrafos, los párrafos 21 a 95 enuncian compromisos agrupados en cuatro pilares. El gráfico siguiente muestra, para cada pilar, cuántos de sus párrafos tienen al menos una actividad de seguimiento, según la muestra de registros públicos de seguimiento.',
    chartSection: 'Avance por pilar',
    browserSection: 'Los párrafos y su seguimiento',
    browserIntro: 'Busque en los {count} párrafos de la Declaración de Kyoto, fíltrelos por pilar, por tema o por el estado de su seguimiento, y despliegue un párrafo para ver las actividades vinculadas a él. Al elegir una barra del gráfico se filtra la lista siguiente. La búsqueda y los filtros se guardan en la dirección, de modo que un enlace copiado muestra la misma vista.',
    examples: 'Datos de ejemplo:',
  },
  ru: {
    title: 'Последующая деятельность по Киотской декларации',
    sub: 'Пример страницы',
    language: 'Язык',
    skip: 'Перейти к содержанию',
    symbol: 'Условное обозначение документа',
    heading: 'Последующая деятельность по Киотской декларации',
    intro: 'Киотская декларация была принята четырнадцатым Конгрессом Организации Объединенных Наций по предупреждению преступности и уголовному правосудию {date}. Из ее {count} пунктов пункты 21–95 содержат обязательства по четырем компонентам. На диаграмме ниже для каждого компонента показано, по скольким его пунктам проводится хотя бы одно мероприятие по осуществлению, по данным выборки из открытых источников о последующей деятельности.',
    chartSection: 'Ход осуществления по компонентам',
    browserSection: 'Пункты и последующая деятельность по ним',
    browserIntro: 'Ищите по {count} пунктам Киотской декларации, отбирайте их по компонентам, темам или статусу последующей деятельности и разворачивайте пункт, чтобы увидеть связанные с ним мероприятия. Выбор столбца диаграммы фильтрует список ниже. Условия поиска и фильтры сохраняются в адресе страницы, поэтому скопированная ссылка открывает то же представление.',
    examples: 'Примеры данных:',
  },
  zh: {
    title: '《京都宣言》的后续落实',
    sub: '示例页面',
    language: '语言',
    skip: '跳至内容',
    symbol: '文号',
    heading: '《京都宣言》的后续落实',
    intro: '《京都宣言》于{date}由第十四届联合国预防犯罪和刑事司法大会通过。《宣言》共{count}段，其中第21至95段载有分属四个支柱的承诺。下图根据公开后续行动记录样本，显示每个支柱中至少有一项后续活动的段落数目。',
    chartSection: '各支柱进展',
    browserSection: '各段落及其后续落实',
    browserIntro: '在《京都宣言》的{count}段中搜索，按支柱、主题或后续落实状态进行筛选，并展开段落查看与之相关的活动。选择图表中的条形即可筛选下方列表。搜索和筛选条件保存在网址中，因此复制的链接会显示相同视图。',
    examples: '示例数据：',
  },
  ar: {
    title: 'متابعة إعلان كيوتو',
    sub: 'صفحة نموذجية',
    language: 'اللغة',
    skip: 'انتقل إلى المحتوى',
    symbol: 'رمز الوثيقة',
    heading: 'متابعة إعلان كيوتو',
    intro: 'اعتمد مؤتمر الأمم المتحدة الرابع عشر لمنع الجريمة والعدالة الجنائية إعلان كيوتو في {date}. ومن فقرات الإعلان، البالغ عددها {count}، تتضمن الفقرات من 21 إلى 95 التزامات موزعة على أربع ركائز. ويبيّن الرسم البياني أدناه، لكل ركيزة، عدد فقراتها التي لها نشاط متابعة واحد على الأقل، استنادًا إلى عيّنة من سجلات المتابعة العامة.',
    chartSection: 'التقدم المحرز حسب الركيزة',
    browserSection: 'الفقرات ومتابعتها',
    browserIntro: 'ابحث في فقرات إعلان كيوتو البالغ عددها {count}، وصفّها حسب الركيزة أو الموضوع أو حالة متابعتها، ووسّع أي فقرة لرؤية الأنشطة المرتبطة بها. ويؤدي اختيار شريط في الرسم البياني إلى تصفية القائمة أدناه. ويُحتفظ بالبحث وعوامل التصفية في عنوان الصفحة، بحيث يعرض الرابط المنسوخ العرض نفسه.',
    examples: 'بيانات نموذجية:',
  },
};

const PARAGRAPHS = 97;
const ADOPTED = Date.UTC(2021, 2, 7); // 7 March 2021

/** The page's language tag from `?lang=`: kept whole when its language is one of the six. */
function chosenTag() {
  const tag = (new URLSearchParams(location.search).get('lang') || '').trim();
  if (!/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/.test(tag)) return 'en';
  const lang = tag.split(/[-_]/)[0].toLowerCase();
  return PAGE[lang] ? tag.replace(/_/g, '-') : 'en';
}

const tag = chosenTag();
const lang = tag.split('-')[0].toLowerCase();
const text = PAGE[lang];
const root = document.documentElement;
root.lang = tag;
root.dir = lang === 'ar' ? 'rtl' : 'ltr';
document.title = text.title;

let intl;
try {
  intl = {
    count: new Intl.NumberFormat(tag).format(PARAGRAPHS),
    date: new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(ADOPTED),
  };
} catch {
  intl = { count: String(PARAGRAPHS), date: '2021-03-07' };
}
// A date that ends with a full stop ("7 марта 2021 г.") ends the sentence too.
const fill = (s) => s.replace('{count}', intl.count)
  .replace(/\{date\}(\.?)/, (_, stop) => (intl.date.endsWith('.') ? intl.date : intl.date + stop));

for (const el of document.querySelectorAll('[data-text]')) {
  const value = text[el.dataset.text];
  if (value) el.textContent = fill(value);
}
for (const el of document.querySelectorAll('[data-label]')) {
  const value = text[el.dataset.label];
  if (value) el.setAttribute('aria-label', value);
}
for (const a of document.querySelectorAll('.un-langs a')) {
  if (a.getAttribute('hreflang') === lang) a.setAttribute('aria-current', 'page');
}
